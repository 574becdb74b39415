import { TokenBucketSet } from './token-bucket-set';

describe(TokenBucketSet.name, () => {
  it('admits a burst of one second, then one token per 1/rate seconds', () => {
    const sut = new TokenBucketSet(4);
    for (let i = 0; i < 4; i++) {
      expect(sut.waitMs('k', 1_000)).toBe(0);
      sut.take('k', 1_000);
    }
    expect(sut.waitMs('k', 1_000)).toBe(250);
    expect(sut.waitMs('k', 1_200)).toBe(50);
    expect(sut.waitMs('k', 1_250)).toBe(0);
  });

  it('keeps keys apart and never refills beyond the burst', () => {
    const sut = new TokenBucketSet(2);
    sut.take('a', 0);
    sut.take('a', 0);
    expect(sut.waitMs('b', 0)).toBe(0);
    expect(sut.remaining('a', 60_000)).toBe(2);
  });

  it('forgets full buckets first when it reaches its size bound', () => {
    const sut = new TokenBucketSet(1, 3);
    sut.take('busy', 0);
    sut.waitMs('idle-1', 0);
    sut.waitMs('idle-2', 0);
    sut.waitMs('new', 500); // idle buckets are full (they never spent a token): dropped
    expect(sut.size).toBe(2);
    expect(sut.waitMs('busy', 500)).toBe(500); // the spent bucket was kept
  });
});
