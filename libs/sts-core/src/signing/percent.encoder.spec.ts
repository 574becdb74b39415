import fc from 'fast-check';
import { percentEncode, percentEncodeTwice, toQueryString } from './percent.encoder';

/** The recipe the JS SDKs use (openapi-signing.md §2): valid only for well-formed strings. */
const sdkEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

describe(percentEncode.name, () => {
  const sut = percentEncode;

  it.each([
    ['', ''],
    ['AZaz09-_.~', 'AZaz09-_.~'],
    [' ', '%20'],
    ['*', '%2A'],
    ['+', '%2B'],
    ['%', '%25'],
    ['/', '%2F'],
    ["!'()", '%21%27%28%29'],
    ['a=b&c', 'a%3Db%26c'],
    ['é', '%C3%A9'],
    ['阿', '%E9%98%BF'],
    ['\u{1F600}', '%F0%9F%98%80'],
    ['\u{10FFFF}', '%F4%8F%BF%BF'],
    ['\uE000', '%EE%80%80'],
    ['\x7F\x00', '%7F%00'],
  ])('encodes %j as %s', (input, expected) => {
    expect(sut(input)).toBe(expected);
  });

  it('returns an all-unreserved string untouched', () => {
    const input = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';

    expect(sut(input)).toBe(input);
  });

  it('encodes lone surrogates as U+FFFD, like Buffer.from, instead of throwing', () => {
    expect(sut('a\uD800b')).toBe('a%EF%BF%BDb');
    expect(sut('\uDC00')).toBe('%EF%BF%BD');
    expect(sut('\uD83D')).toBe('%EF%BF%BD');
  });

  it('agrees with the SDK recipe on every well-formed string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => expect(sut(s)).toBe(sdkEncode(s))));
  });

  it('encodes the UTF-8 bytes, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(decodeURIComponent(sut(s))).toBe(Buffer.from(s, 'utf8').toString('utf8'));
      }),
    );
  });
});

describe(percentEncodeTwice.name, () => {
  it('equals encoding twice', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => expect(percentEncodeTwice(s)).toBe(percentEncode(percentEncode(s)))));
  });
});

describe(toQueryString.name, () => {
  it('decodes back to the same pairs with a standard form decoder', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary' }))), (pairs) => {
        const sut = toQueryString(pairs);

        expect([...new URLSearchParams(sut)]).toEqual(pairs);
      }),
    );
  });

  it('accepts a record', () => {
    expect(toQueryString({ Action: 'AssumeRole', Policy: '{"a": "*"}' })).toBe('Action=AssumeRole&Policy=%7B%22a%22%3A%20%22%2A%22%7D');
  });
});
