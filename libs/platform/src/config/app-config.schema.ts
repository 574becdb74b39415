import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The configuration contract of every OpenSTS process, validated once at start-up. Defaults make
 * `npm start` (embedded) and the project's infra scripts (`npm run infra:up`) work with no env.
 * The README's configuration table mirrors this schema.
 */
const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalString = z.string().min(1).optional();

/** `a.b.c.d/n` or `x:y::/n`; undefined if `text` is not a CIDR (STS_OIDC_PRIVATE_NETWORKS). */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, bits, extra] = text.trim().split('/');
  const version = isIP(address ?? '');
  if (extra !== undefined || version === 0 || bits === undefined || !/^\d{1,3}$/.test(bits) || Number(bits) > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix: Number(bits), family: version === 4 ? 'ipv4' : 'ipv6' };
}
const pgUrl = (db: string) => z.string().url().default(`postgres://opensts:opensts@127.0.0.1:55432/${db}`);

export const appConfigSchema = z.object({
  STS_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
  STS_HOST: z.string().min(1).default('127.0.0.1'),
  STS_HTTP_PORT: port.default(8080),
  STS_HTTPS_PORT: port.default(8443),
  STS_GRPC_PORT: port.default(50051),
  /** Health/readiness port of the non-HTTP services in distributed mode (gateway serves them on STS_HTTP_PORT). */
  STS_HEALTH_PORT: port.optional(),
  STS_TLS_CERT_FILE: optionalString,
  STS_TLS_KEY_FILE: optionalString,
  /** CA that signs service certificates; internal gRPC clients must present one (mutual TLS). */
  STS_TLS_CA_FILE: optionalString,
  STS_GRPC_TLS: z.enum(['off', 'tls', 'mtls']).optional(),
  STS_DATA_DIR: z.string().min(1).default('.data/embedded'),
  /** Embedded mode: FULL survives an OS crash or power loss too (an fsync per commit), NORMAL only a process crash (ADR 0003). */
  STS_SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('FULL'),
  STS_INSTANCE_ID: optionalString,
  /** Where the gateway reaches the services in distributed mode (host:port). */
  STS_IDENTITY_GRPC_URL: z.string().min(1).default('127.0.0.1:50061'),
  STS_POLICY_GRPC_URL: z.string().min(1).default('127.0.0.1:50062'),
  STS_ISSUANCE_GRPC_URL: z.string().min(1).default('127.0.0.1:50051'),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:19092'),
  /** Prepended to every topic and consumer group: several deployments (or test runs) share one cluster. */
  KAFKA_NAMESPACE: z.string().regex(/^[a-zA-Z0-9._-]*$/).default(''),
  /** Replicas of the topics OpenSTS creates: 3 (with min.insync.replicas 2) on a production cluster, 1 on a single broker. */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).default(1),
  /** One database URL for every service, or one per service (the specific one wins). */
  DATABASE_URL: z.string().url().optional(),
  DATABASE_URL_IDENTITY: pgUrl('opensts_identity'),
  DATABASE_URL_POLICY: pgUrl('opensts_policy'),
  DATABASE_URL_ISSUANCE: pgUrl('opensts_issuance'),
  DATABASE_URL_GATEWAY: pgUrl('opensts_gateway'),
  DATABASE_URL_AUDIT: pgUrl('opensts_audit'),
  /** The replay cache (SignatureNonce) shared by gateway and token-issuance: one per deployment (ADR 0006). */
  DATABASE_URL_NONCES: pgUrl('opensts_nonces'),
  STS_BOOTSTRAP_ACCOUNT_ID: z.string().regex(/^[1-9][0-9]{15}$/, 'must be 16 digits').optional(),
  STS_BOOTSTRAP_ACCESS_KEY_ID: z.string().regex(/^LTAI[A-Za-z0-9]{12,60}$/, 'must look like LTAI…').optional(),
  STS_BOOTSTRAP_ACCESS_KEY_SECRET: z.string().regex(/^[A-Za-z0-9]{16,100}$/, 'must be 16-100 alphanumerics').optional(),
  /** base64 of 32 bytes; encrypts secrets at rest and derives the token key ring unless STS_TOKEN_KEYS is set. */
  STS_MASTER_KEY: optionalString,
  STS_MASTER_KEY_FILE: optionalString,
  /** `kid:base64key,kid:base64key`; the first is the active encryption key, all decrypt. */
  STS_TOKEN_KEYS: optionalString,
  STS_TIMESTAMP_SKEW_SECONDS: z.coerce.number().int().min(1).max(3600).default(900),
  STS_THROTTLE_PER_ACCESS_KEY: z.coerce.number().int().min(0).default(0),
  STS_THROTTLE_PER_ACCOUNT: z.coerce.number().int().min(0).default(0),
  /** Anonymous calls (AssumeRoleWithSAML/OIDC) per second and source IP: their proof is costly to check. */
  STS_THROTTLE_ANONYMOUS_PER_IP: z.coerce.number().int().min(0).default(0),
  STS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STS_REQUIRE_HTTPS: bool.default(false),
  /** AssumeRoleWithSAML: accepted SP entity IDs (Audience) and ACS URLs (Recipient), comma-separated; default both Alibaba sites. */
  STS_SAML_AUDIENCES: optionalString,
  STS_SAML_RECIPIENTS: optionalString,
  /** AssumeRoleWithOIDC: PEM CA certificate(s) trusted for issuers' HTTPS besides the system roots (a private IdP). */
  STS_OIDC_CA_FILE: optionalString,
  /**
   * AssumeRoleWithOIDC: networks that are not public (loopback, private, link-local) an issuer's
   * discovery and key URLs may still resolve to, as CIDRs, comma-separated (`10.20.0.0/16,::1/128`).
   * Default: none: a provider's URLs reach only the public internet.
   */
  STS_OIDC_PRIVATE_NETWORKS: optionalString.refine(
    (v) => v === undefined || v.split(',').every((c) => c.trim() === '' || parseCidr(c) !== undefined),
    'a comma-separated list of CIDRs (10.0.0.0/8, fd00::/8)',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: optionalString,
});

export type AppConfig = z.infer<typeof appConfigSchema>;
export type ServiceName = 'gateway' | 'identity-directory' | 'policy' | 'token-issuance' | 'audit';
/** A database: each service's own, and `nonces`, the one replay cache every verifier of signed requests shares. */
export type DatabaseName = ServiceName | 'nonces';
