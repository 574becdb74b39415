interface Bucket {
  tokens: number;
  refilledAtMs: number;
}

/**
 * One token bucket per key (AccessKeyId, account), refilled continuously at `ratePerSecond` up to
 * a burst of one second's worth. In memory, per gateway instance: N instances admit up to N × the
 * quota (ADR 0009). Idle buckets are full buckets, so they are forgotten when the set grows.
 */
export class TokenBucketSet {
  private readonly buckets = new Map<string, Bucket>();
  readonly capacity: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly maxKeys = 100_000,
  ) {
    this.capacity = Math.max(1, ratePerSecond);
  }

  /** 0 when `key` has a token now, else the milliseconds until it will. Takes nothing. */
  waitMs(key: string, nowMs: number): number {
    const b = this.refill(key, nowMs);
    return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 1000) / this.ratePerSecond);
  }

  /** Takes one token (call after `waitMs` returned 0 for every bucket that applies); the tokens left. */
  take(key: string, nowMs: number): number {
    return (this.refill(key, nowMs).tokens -= 1);
  }

  /** Whole tokens left, for RateLimit-Remaining. */
  remaining(key: string, nowMs: number): number {
    return Math.floor(this.refill(key, nowMs).tokens);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, nowMs: number): Bucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evict(nowMs);
      b = { tokens: this.capacity, refilledAtMs: nowMs };
      this.buckets.set(key, b);
      return b;
    }
    const elapsed = nowMs - b.refilledAtMs;
    if (elapsed > 0) {
      b.tokens = Math.min(this.capacity, b.tokens + (elapsed * this.ratePerSecond) / 1000);
      b.refilledAtMs = nowMs;
    }
    return b;
  }

  /** Drops buckets that are full again (forgetting them changes nothing), else the oldest. */
  private evict(nowMs: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((nowMs - b.refilledAtMs) * this.ratePerSecond) / 1000 >= this.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
