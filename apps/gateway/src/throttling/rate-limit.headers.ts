import type { TokenBucketSet } from './token-bucket-set';

export type RateLimitHeaders = Readonly<Record<string, string>>;

/** RateLimit-Limit/Remaining/Reset (draft-ietf-httpapi-ratelimit-headers) of a bucket holding `tokens`. */
export function rateLimitHeaders(bucket: TokenBucketSet, tokens: number): RateLimitHeaders {
  return {
    'ratelimit-limit': String(bucket.ratePerSecond),
    'ratelimit-remaining': String(Math.max(0, Math.floor(tokens))),
    'ratelimit-reset': String(Math.ceil((bucket.capacity - tokens) / bucket.ratePerSecond)), // until full again
  };
}
