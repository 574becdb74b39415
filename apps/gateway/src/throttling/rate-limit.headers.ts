import { RequestContextStore, type RequestContext } from '@opensts/platform';
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

const RATE_LIMIT = Symbol('rateLimit');
type WithRateLimit = RequestContext & { [RATE_LIMIT]?: RateLimitHeaders };

/**
 * The RateLimit-* fields of the call being served, kept on its RequestContext from the moment the
 * throttle admits it until its answer is rendered, so a success and a later refusal (NoPermission,
 * a service error) both carry them.
 */
export const CurrentCallRateLimit = {
  set(headers: RateLimitHeaders): void {
    const ctx = RequestContextStore.current() as WithRateLimit | undefined;
    if (ctx) ctx[RATE_LIMIT] = headers;
  },
  get(): RateLimitHeaders | undefined {
    return (RequestContextStore.current() as WithRateLimit | undefined)?.[RATE_LIMIT];
  },
};
