import { ActionParams } from './action-params';
import { ActionRegistry } from './action.registry';
import { decodeMarker, encodeMarker, listBody, pageRequest, toPage } from './ram-pagination';

const context = { requestId: 'r', sourceIp: '', secureTransport: true };

describe(ActionRegistry.name, () => {
  it('invokes an internal action only for the callers it names', async () => {
    const sut = new ActionRegistry();
    sut.registerInternal('Probe', ['policy'], async (call) => ({ Caller: call.caller }));
    expect(await sut.invokeInternal({ action: 'Probe', params: {}, caller: 'policy', context })).toEqual({ Caller: 'policy' });
    await expect(sut.invokeInternal({ action: 'Probe', params: {}, caller: 'gateway', context })).rejects.toMatchObject({ code: 'Forbidden.RAM' });
    await expect(sut.invokeInternal({ action: 'Nope', params: {}, caller: 'policy', context })).rejects.toMatchObject({ code: 'InvalidAction.NotFound' });
    expect(sut.internalCallers('Probe')).toEqual(['policy']);
    expect(sut.internalCallers('Nope')).toEqual([]);
  });

  it('keeps internal actions apart from API actions of the same name', async () => {
    const sut = new ActionRegistry();
    sut.registerInternal('CreateUser', ['policy'], async () => ({}));
    expect(sut.has('Ram', 'CreateUser')).toBe(false);
    expect(() => sut.registerInternal('CreateUser', ['policy'], async () => ({}))).toThrow('registered twice');
  });
});

describe(ActionParams.name, () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return (e as { code: string }).code;
    }
  };

  it('treats empty values as absent and reports missing required ones as Missing<Name>', () => {
    const sut = new ActionParams({ A: '', B: 'x' });
    expect(sut.optional('A')).toBeUndefined();
    expect(sut.required('B')).toBe('x');
    expect(codeOf(() => sut.required('A'))).toBe('MissingA');
    expect(codeOf(() => sut.required('toString'))).toBe('MissingtoString');
  });

  it('parses integers, booleans and enumerations strictly', () => {
    const sut = new ActionParams({ N: '12', Bad: '1.5', T: 'TRUE', E: 'x' });
    expect(sut.int('N', { min: 1, max: 20 })).toBe(12);
    expect(codeOf(() => sut.int('N', { min: 1, max: 10 }))).toBe('InvalidParameter.N');
    expect(codeOf(() => sut.int('Bad', { min: 0, max: 9 }))).toBe('InvalidParameter.Bad');
    expect(sut.bool('T', false)).toBe(true);
    expect(sut.bool('Absent', true)).toBe(true);
    expect(codeOf(() => sut.oneOf('E', ['a', 'b'] as const))).toBe('InvalidParameter.E');
  });
});

describe('RAM pagination', () => {
  it('round-trips a marker and refuses a forged one', () => {
    expect(decodeMarker(encodeMarker('custom:alpha'))).toBe('custom:alpha');
    expect(() => decodeMarker(Buffer.from('x').toString('base64url'))).toThrow();
    expect(() => decodeMarker('not/base64url')).toThrow();
  });

  it('truncates the extra row and points the marker at the last item returned', () => {
    const request = pageRequest(new ActionParams({ MaxItems: '2' }));
    const sut = toPage(['a', 'b', 'c'], request, (x) => x);
    expect(sut).toEqual({ items: ['a', 'b'], isTruncated: true, marker: encodeMarker('b') });
    expect(listBody('Users', 'User', sut, (x) => ({ UserName: x }))).toEqual({ IsTruncated: true, Marker: encodeMarker('b'), Users: { User: [{ UserName: 'a' }, { UserName: 'b' }] } });
    expect(listBody('Users', 'User', toPage(['a'], request, (x) => x), (x) => ({ UserName: x }))).toEqual({ IsTruncated: false, Users: { User: [{ UserName: 'a' }] } });
  });
});
