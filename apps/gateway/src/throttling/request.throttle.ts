import { Inject, Injectable } from '@nestjs/common';
import { Errors, type StsError } from '@opensts/sts-core/errors';
import type { CallerPrincipal } from '@opensts/sts-core/principal';
import { GATEWAY_OPTIONS } from '../gateway.constants';
import type { GatewayOptions } from '../config/gateway-options';
import { rateLimitHeaders, type RateLimitHeaders } from './rate-limit.headers';
import { TokenBucketSet } from './token-bucket-set';

export type ThrottleVerdict =
  | { readonly ok: true; readonly headers?: RateLimitHeaders }
  | { readonly ok: false; readonly error: StsError; readonly headers: Readonly<Record<string, string>> };

const ALLOWED: ThrottleVerdict = { ok: true };

/**
 * User flow control (sts-api.md §3.2 item 10): STS_THROTTLE_PER_ACCESS_KEY and
 * STS_THROTTLE_PER_ACCOUNT requests per second, 0 = off. Applied after authentication, so a
 * forged request cannot spend someone else's quota. A request must fit both quotas and takes a
 * token from each only when it does. An admitted call's answer carries the RateLimit-* fields of
 * the quota nearest exhaustion.
 */
@Injectable()
export class RequestThrottle {
  private readonly perKey?: TokenBucketSet;
  private readonly perAccount?: TokenBucketSet;

  constructor(@Inject(GATEWAY_OPTIONS) options: Pick<GatewayOptions, 'throttlePerAccessKey' | 'throttlePerAccount'>) {
    if (options.throttlePerAccessKey > 0) this.perKey = new TokenBucketSet(options.throttlePerAccessKey);
    if (options.throttlePerAccount > 0) this.perAccount = new TokenBucketSet(options.throttlePerAccount);
  }

  check(caller: CallerPrincipal | undefined, nowMs = Date.now()): ThrottleVerdict {
    if (caller === undefined || (!this.perKey && !this.perAccount)) return ALLOWED;
    const keyWait = this.perKey?.waitMs(caller.accessKeyId, nowMs) ?? 0;
    const accountWait = this.perAccount?.waitMs(caller.accountId, nowMs) ?? 0;
    if (keyWait === 0 && accountWait === 0) {
      const keyLeft = this.perKey?.take(caller.accessKeyId, nowMs) ?? Infinity;
      const accountLeft = this.perAccount?.take(caller.accountId, nowMs) ?? Infinity;
      const headers = keyLeft <= accountLeft ? rateLimitHeaders(this.perKey!, keyLeft) : rateLimitHeaders(this.perAccount!, accountLeft);
      return { ok: true, headers };
    }
    // report the quota that refused (the per-key one when both did)
    const [limit, waitMs] = keyWait > 0 ? [this.perKey!.ratePerSecond, keyWait] : [this.perAccount!.ratePerSecond, accountWait];
    const seconds = String(Math.ceil(waitMs / 1000));
    return {
      ok: false,
      error: Errors.throttlingUser(),
      headers: {
        'x-acs-retry-after': String(waitMs), // milliseconds: openapi-core hands it to its retry delay as is
        'retry-after': seconds,
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': '0',
        'ratelimit-reset': seconds,
      },
    };
  }
}
