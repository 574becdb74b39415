import { ID_FORMATS, isTemporaryAccessKeyId, matchesIdFormat } from './id.formats';
import { IdGenerator, newTemporaryAccessKeyId } from './id.generator';

describe(IdGenerator.name, () => {
  const sut = new IdGenerator();
  const many = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

  it.each([
    ['longTermAccessKeyId', 'longTermAccessKeyId'],
    ['temporaryAccessKeyId', 'temporaryAccessKeyId'],
    ['accessKeySecret', 'accessKeySecret'],
    ['accountId', 'accountId'],
    ['userId', 'principalId'],
    ['roleId', 'principalId'],
    ['requestId', 'requestId'],
    ['eventId', 'eventId'],
  ] as const)('%s matches the %s format and does not repeat', (method, format) => {
    const ids = many(500, () => sut[method]());
    for (const id of ids) expect(id).toMatch(ID_FORMATS[format]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('mints access key ids of the documented total lengths', () => {
    expect(sut.longTermAccessKeyId()).toHaveLength(24);
    expect(sut.temporaryAccessKeyId()).toHaveLength(28);
    expect(sut.accessKeySecret()).toHaveLength(30);
  });

  it('spreads principal ids over 17, 18 and 19 digits', () => {
    const lengths = new Set(many(300, () => sut.userId().length));
    expect([...lengths].sort()).toEqual([17, 18, 19]);
  });

  it('orders event ids by creation time', () => {
    const ids = many(50, () => sut.eventId());
    expect([...ids].sort()).toEqual(ids);
  });

  it('orders request ids by creation time', () => {
    const ids = many(50, () => sut.requestId());
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts temporary AccessKeyIds with the issuing millisecond, so they sort by issuance', () => {
    const at = (ms: number) => newTemporaryAccessKeyId(ms);
    const instants = [0, 61, 62, 1_764_300_000_000, 1_764_300_000_001, 62 ** 8 - 1];
    const ids = instants.map(at);
    expect([...ids].sort()).toEqual(ids);
    expect(at(0).slice(4, 12)).toBe('00000000');
    expect(at(62 ** 8 - 1).slice(4, 12)).toBe('zzzzzzzz');
    for (const id of ids) expect(id).toMatch(ID_FORMATS.temporaryAccessKeyId);
  });

  it('keeps 16 random characters after the time in a temporary AccessKeyId', () => {
    const ids = many(200, () => newTemporaryAccessKeyId(1_764_300_000_000));
    expect(new Set(ids.map((id) => id.slice(12))).size).toBe(ids.length);
  });
});

describe(isTemporaryAccessKeyId.name, () => {
  it('routes on the STS. prefix', () => {
    expect(isTemporaryAccessKeyId('STS.L4aBSCSJVMuKg5U1xxxx')).toBe(true);
    expect(isTemporaryAccessKeyId('LTAI5tExampleExample1234')).toBe(false);
  });
});

describe(matchesIdFormat.name, () => {
  it('accepts the example RequestId of the spec and refuses lowercase', () => {
    expect(matchesIdFormat('requestId', '6894B13B-6D71-4EF5-88FA-F32781734A7F')).toBe(true);
    expect(matchesIdFormat('requestId', '6894b13b-6d71-4ef5-88fa-f32781734a7f')).toBe(false);
  });
});
