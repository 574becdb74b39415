import fc from 'fast-check';
import { decodeBase64Url, encodeBase64Url } from './base64url';

describe(decodeBase64Url.name, () => {
  const sut = decodeBase64Url;

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(sut(encodeBase64Url(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it.each([
    ['standard-alphabet +', 'ab+d'],
    ['standard-alphabet /', 'ab/d'],
    ['padding', 'YQ=='],
    ['whitespace', 'YW Jj'],
    ['impossible length', 'YWJjZ'],
    ['non-zero unused bits (2 chars)', 'YR'],
    ['non-zero unused bits (3 chars)', 'YWJ'],
  ])('refuses %s', (_, text) => {
    expect(sut(text)).toBeUndefined();
  });

  it('accepts the canonical spelling of the same bytes', () => {
    expect(sut('YQ')).toEqual(Buffer.from('a'));
    expect(sut('YWI')).toEqual(Buffer.from('ab'));
  });
});
