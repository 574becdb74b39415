import fc from 'fast-check';
import { canonicalQueryString, canonicalUri, compareCodePoints } from './canonical.builder';

describe(compareCodePoints.name, () => {
  const sut = compareCodePoints;

  it('orders like the UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(sut(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });

  it('puts astral characters after U+E000–U+FFFF, unlike plain UTF-16 comparison', () => {
    // plain `<` says the opposite ('\u{1F600}' < '\uFFFD'): it compares the surrogate U+D83D with U+FFFD
    expect(sut('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  });

  it('agrees with < on ASCII', () => {
    expect(sut('Action', 'AccessKeyId')).toBeGreaterThan(0);
    expect(sut('Signature', 'SignatureMethod')).toBeLessThan(0);
    expect(sut('a', 'a')).toBe(0);
  });
});

describe(canonicalQueryString.name, () => {
  const sut = canonicalQueryString;

  it('sorts by name, encodes names and values, keeps empty values as name=', () => {
    expect(sut([['test', 'ok'], ['empty', ''], ['a b', '*~']])).toBe('a%20b=%2A~&empty=&test=ok');
  });

  it('is empty for no query', () => {
    expect(sut([])).toBe('');
  });
});

describe(canonicalUri.name, () => {
  const sut = canonicalUri;

  it.each([
    ['/', '/'],
    ['', ''],
    ['/a b/c', '/a%20b/c'],
    ['/a*b', '/a%2Ab'],
    ['/a%2ab', '/a%2Ab'],
    ['/%7E', '/~'],
    ['/x%2Fy', '/x%2Fy'],
  ])('canonicalises %j as %j', (path, expected) => {
    expect(sut(path)).toBe(expected);
  });

  it('is undefined for a path that is not valid percent-encoded UTF-8', () => {
    expect(sut('/%E9')).toBeUndefined();
    expect(sut('/%zz')).toBeUndefined();
  });
});
