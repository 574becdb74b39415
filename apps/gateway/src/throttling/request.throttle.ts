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
 *
 * Anonymous calls (AssumeRoleWithSAML/OIDC) have no key or account to count against until their
 * assertion or token has been checked, which is the expensive part (XML signature, RSA, a JWKS
 * fetch): STS_THROTTLE_ANONYMOUS_PER_IP counts them per source IP instead — per IPv4 address,
 * and per /64 for IPv6, the smallest network a site is given (one client can use all of its
 * 2^64 addresses, and would otherwise get a fresh quota with each).
 */
@Injectable()
export class RequestThrottle {
  private readonly perKey?: TokenBucketSet;
  private readonly perAccount?: TokenBucketSet;
  private readonly anonymousPerIp?: TokenBucketSet;

  constructor(@Inject(GATEWAY_OPTIONS) options: Pick<GatewayOptions, 'throttlePerAccessKey' | 'throttlePerAccount'> & Partial<Pick<GatewayOptions, 'throttleAnonymousPerIp'>>) {
    if (options.throttlePerAccessKey > 0) this.perKey = new TokenBucketSet(options.throttlePerAccessKey);
    if (options.throttlePerAccount > 0) this.perAccount = new TokenBucketSet(options.throttlePerAccount);
    if ((options.throttleAnonymousPerIp ?? 0) > 0) this.anonymousPerIp = new TokenBucketSet(options.throttleAnonymousPerIp!);
  }

  check(caller: CallerPrincipal | undefined, nowMs = Date.now(), sourceIp = ''): ThrottleVerdict {
    const quotas: [TokenBucketSet, string][] = [];
    if (caller === undefined) {
      if (this.anonymousPerIp) quotas.push([this.anonymousPerIp, sourceNetwork(sourceIp)]);
    } else {
      if (this.perKey) quotas.push([this.perKey, caller.accessKeyId]);
      if (this.perAccount) quotas.push([this.perAccount, caller.accountId]);
    }
    return quotas.length === 0 ? ALLOWED : admit(quotas, nowMs);
  }
}

/** Admits when every quota has a token (and takes one from each), else names the first that refused. */
function admit(quotas: readonly [TokenBucketSet, string][], nowMs: number): ThrottleVerdict {
  const refusing = quotas.map(([set, key]) => [set, set.waitMs(key, nowMs)] as const).find(([, waitMs]) => waitMs > 0);
  if (refusing === undefined) {
    let nearest: [TokenBucketSet, number] | undefined;
    for (const [set, key] of quotas) {
      const left = set.take(key, nowMs);
      if (nearest === undefined || left < nearest[1]) nearest = [set, left];
    }
    return { ok: true, headers: rateLimitHeaders(nearest![0], nearest![1]) };
  }
  const [set, waitMs] = refusing;
  const seconds = String(Math.ceil(waitMs / 1000));
  return {
    ok: false,
    error: Errors.throttlingUser(),
    headers: {
      'x-acs-retry-after': String(waitMs), // milliseconds: openapi-core hands it to its retry delay as is
      'retry-after': seconds,
      'ratelimit-limit': String(set.ratePerSecond),
      'ratelimit-remaining': '0',
      'ratelimit-reset': seconds,
    },
  };
}

/** What anonymous calls are counted by: an IPv4 address (also when IPv4-mapped), or an IPv6 address's /64. */
export function sourceNetwork(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const address = ip.split('%')[0]; // a zone (fe80::1%eth0) names an interface, not a network
  const [head, tail] = address.split('::');
  const groupsOf = (part: string | undefined): string[] => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [h, t] = [groupsOf(head), groupsOf(tail)];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
