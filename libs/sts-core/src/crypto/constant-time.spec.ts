import { constantTimeEqual } from './constant-time';

describe(constantTimeEqual.name, () => {
  const sut = constantTimeEqual;

  it.each([
    ['abc', 'abc', true],
    ['', '', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', 'a', false],
    ['ä', 'a', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sut(a, b)).toBe(expected);
  });

  it('compares strings and buffers by their UTF-8 bytes', () => {
    expect(sut('ключ', Buffer.from('ключ', 'utf8'))).toBe(true);
    expect(sut(Buffer.from([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(sut(Buffer.from([1, 2, 3]), Buffer.from([1, 2]))).toBe(false);
  });

  it('handles inputs far longer than a digest without throwing', () => {
    const long = 'x'.repeat(100_000);
    expect(sut(long, long)).toBe(true);
    expect(sut(long, long + 'y')).toBe(false);
  });
});
