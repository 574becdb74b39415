import { decodeParameterString } from './parameter-string.decoder';

const limits = { maxParameters: 10, maxParameterChars: 20 };

describe(decodeParameterString.name, () => {
  it('decodes pairs in wire order, keeping duplicates and empty values', () => {
    const sut = decodeParameterString('B=2&A=1&B=3&Empty=&Bare', limits);
    expect(sut).toEqual([['B', '2'], ['A', '1'], ['B', '3'], ['Empty', ''], ['Bare', '']]);
  });

  it('percent-decodes UTF-8 and leaves raw `*` and `~` as they are', () => {
    expect(decodeParameterString('N=%E9%98%BF*~%20x', limits)).toEqual([['N', '阿*~ x']]);
  });

  it('reads a raw `+` as a space and `%2B` as a plus, as the Python, Go and Java SDKs write them', () => {
    expect(decodeParameterString('P=a+b%2B', limits)).toEqual([['P', 'a b+']]);
    expect(decodeParameterString(new URLSearchParams({ Policy: '{"Version": "1"}' }).toString(), limits)).toEqual([['Policy', '{"Version": "1"}']]);
  });

  it('skips empty segments between ampersands', () => {
    expect(decodeParameterString('&&A=1&&', limits)).toEqual([['A', '1']]);
  });

  it.each([['%ZZ'], ['%E9%98'], ['%C0%AF'], ['%'], ['%ED%A0%80']])('refuses the malformed escape %s', (bad) => {
    expect(decodeParameterString(`A=${bad}`, limits)).toEqual({ problem: 'Malformed' });
    expect(decodeParameterString(`${bad}=1`, limits)).toEqual({ problem: 'Malformed' });
  });

  it.each([['%00'], ['a%00b'], ['\0'], ['x\0']])('refuses a NUL character (%j) in a name or a value, raw or escaped', (nul) => {
    expect(decodeParameterString(`SignatureNonce=${nul}`, limits)).toEqual({ problem: 'NulCharacter' });
    expect(decodeParameterString(`A=1&${nul}=1`, limits)).toEqual({ problem: 'NulCharacter' });
  });

  it('refuses too many parameters and an overlong value, naming the parameter', () => {
    expect(decodeParameterString(Array.from({ length: 11 }, (_, i) => `P${i}=1`).join('&'), limits)).toEqual({ problem: 'TooManyParameters' });
    expect(decodeParameterString(`Policy=${'x'.repeat(21)}`, limits)).toEqual({ problem: 'ValueTooLong', name: 'Policy' });
    expect(decodeParameterString(`Policy=${'%41'.repeat(20)}`, limits)).toEqual([['Policy', 'A'.repeat(20)]]);
  });
});
