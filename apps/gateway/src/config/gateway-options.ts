import { z } from 'zod';
import type { AppConfig } from '@opensts/platform';

/**
 * Knobs of the HTTP(S) endpoint that only the gateway reads. They come from the environment
 * (`STS_GATEWAY_*`, read once at start-up) and `GatewayModule.register(overrides)` (tests);
 * quotas and ports come from the shared AppConfig.
 */
export interface GatewayOptions {
  /** sts-api.md §1: a GET request (URL and body) is at most 4 KB. */
  readonly maxGetBytes: number;
  /** sts-api.md §1: a POST request (URL and body) is at most 10 MB. */
  readonly maxPostBytes: number;
  /** Longest parameter value accepted before the owning service sees it (SAMLAssertion ≤ 100 000). */
  readonly maxParameterChars: number;
  /** Most parameters in one request (query and body together). */
  readonly maxParameters: number;
  /** Requests per second per AccessKey / per account, token bucket per instance; 0 = off. */
  readonly throttlePerAccessKey: number;
  readonly throttlePerAccount: number;
  /** Anonymous calls per second per source IP; 0 = off. */
  readonly throttleAnonymousPerIp: number;
  /**
   * Which calls become ApiCallCompleted events. `all-but-issuances` (default): every call but a
   * successful AssumeRole*, whose SessionIssued already names the caller (the RAM changes' events
   * do not: their ApiCallCompleted says who made them, from where); `all`; `failures-and-reads`
   * (no successful change); `failures`; `off`.
   */
  readonly auditApiCalls: AuditMode;
  /** Events are written to the outbox in batches of at most this many, at least every flush interval. */
  readonly auditBatchSize: number;
  readonly auditFlushMs: number;
  /** HTTPS listener (false: plain HTTP only, e.g. behind a TLS terminator). */
  readonly https: boolean;
  /** STS_REQUIRE_HTTPS: API calls over plain HTTP get InvalidProtocol.NeedSsl (health probes do not). */
  readonly requireHttps: boolean;
}

export const AUDIT_MODES = ['all', 'all-but-issuances', 'failures-and-reads', 'failures', 'off'] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The gateway's own variables (the README's configuration table lists them). */
export const gatewayEnvSchema = z.object({
  STS_GATEWAY_MAX_GET_BYTES: count(4 * 1024),
  STS_GATEWAY_MAX_POST_BYTES: count(10 * 1024 * 1024),
  STS_GATEWAY_MAX_PARAMETER_CHARS: count(128 * 1024),
  STS_GATEWAY_MAX_PARAMETERS: count(256),
  STS_GATEWAY_AUDIT_API_CALLS: z.enum(AUDIT_MODES).default('all-but-issuances'),
  STS_GATEWAY_AUDIT_BATCH_SIZE: count(500),
  STS_GATEWAY_AUDIT_FLUSH_MS: count(50),
  // like every boolean setting: true/false or 1/0
  STS_GATEWAY_HTTPS: z.enum(['true', 'false', '1', '0']).default('true'),
});

export function loadGatewayOptions(cfg: AppConfig, env: NodeJS.ProcessEnv = process.env, overrides: Partial<GatewayOptions> = {}): GatewayOptions {
  const parsed = gatewayEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    maxGetBytes: e.STS_GATEWAY_MAX_GET_BYTES,
    maxPostBytes: e.STS_GATEWAY_MAX_POST_BYTES,
    maxParameterChars: e.STS_GATEWAY_MAX_PARAMETER_CHARS,
    maxParameters: e.STS_GATEWAY_MAX_PARAMETERS,
    throttlePerAccessKey: cfg.STS_THROTTLE_PER_ACCESS_KEY,
    throttlePerAccount: cfg.STS_THROTTLE_PER_ACCOUNT,
    throttleAnonymousPerIp: cfg.STS_THROTTLE_ANONYMOUS_PER_IP,
    auditApiCalls: e.STS_GATEWAY_AUDIT_API_CALLS,
    auditBatchSize: e.STS_GATEWAY_AUDIT_BATCH_SIZE,
    auditFlushMs: e.STS_GATEWAY_AUDIT_FLUSH_MS,
    https: e.STS_GATEWAY_HTTPS === 'true' || e.STS_GATEWAY_HTTPS === '1',
    requireHttps: cfg.STS_REQUIRE_HTTPS,
    ...overrides,
  };
}
