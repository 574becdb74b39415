import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { JSONWebKeySet } from 'jose';
import { Errors } from '@opensts/sts-core/errors';
import type { OidcKeySetSource } from '@opensts/sts-core/federation/oidc';
import { IssuerAddressPolicy } from './issuer-address.policy';
import { normaliseFingerprint, pinnedGet } from './pinned-https.client';

export interface OidcIssuerKeysOptions {
  /** PEM of CAs trusted besides Node's roots (a private IdP, the test issuer). */
  extraTrustedCaPem?: string;
  timeoutMs?: number;
  cacheTtlMs?: number;
  /** A refresh (unknown kid) refetches only a copy at least this old. */
  minRefreshIntervalMs?: number;
  maxBodyBytes?: number;
  /** Networks that are not public but may be fetched from (STS_OIDC_PRIVATE_NETWORKS: a private IdP, the test issuer). */
  privateNetworks?: readonly string[];
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

export interface OidcProviderKeysTrust {
  readonly issuerUrl: string;
  readonly fingerprints: readonly string[];
}

interface CachedKeys {
  keys?: JSONWebKeySet;
  /** When the last fetch started, successful or not: what the refresh rate limit counts from. */
  attemptedAt: number;
  fetchedAt: number;
  inFlight?: Promise<JSONWebKeySet>;
  /** The last attempt's refusal, answered again without a fetch for FAILURE_BACKOFF_MS. */
  failure?: unknown;
}

/** A failed fetch is not retried sooner: a flood of anonymous tokens is not a flood of connections. */
const FAILURE_BACKOFF_MS = 5_000;

const MAX_CACHED_ISSUERS = 1_000;

/**
 * The OIDC issuers' signing keys (federation.md B.2 #8, #9): OpenID discovery, then the JWKS, both
 * over HTTPS whose root must be one the provider pinned. Cached per issuer and pin set, one fetch
 * in flight per issuer, and a floor under refreshes so that tokens with made-up kids cannot turn
 * us into a load generator against the IdP.
 */
export class OidcIssuerKeys {
  private readonly secureContext: SecureContext;
  private readonly timeoutMs: number;
  private readonly cacheTtlMs: number;
  private readonly minRefreshIntervalMs: number;
  private readonly maxBodyBytes: number;
  private readonly now: () => number;
  private readonly addresses: IssuerAddressPolicy;
  private readonly cache = new Map<string, CachedKeys>();

  constructor(options: OidcIssuerKeysOptions = {}) {
    // Passing `ca` replaces Node's roots, so they are listed explicitly; built once, not per request.
    const ca = options.extraTrustedCaPem ? [...rootCertificates, options.extraTrustedCaPem] : [...rootCertificates];
    this.secureContext = createSecureContext({ ca });
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.cacheTtlMs = options.cacheTtlMs ?? 10 * 60_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 30_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.now = options.now ?? Date.now;
    this.addresses = new IssuerAddressPolicy(options.privateNetworks);
  }

  keySetSource(provider: OidcProviderKeysTrust): OidcKeySetSource {
    const pins = new Set(provider.fingerprints.map(normaliseFingerprint));
    const cacheKey = `${provider.issuerUrl}\n${[...pins].sort().join(',')}`;
    return (refresh) => this.keys(cacheKey, provider.issuerUrl, pins, refresh);
  }

  private keys(cacheKey: string, issuerUrl: string, pins: ReadonlySet<string>, refresh: boolean): Promise<JSONWebKeySet> {
    const entry = this.cache.get(cacheKey);
    if (entry?.inFlight) return entry.inFlight;
    const now = this.now();
    if (entry?.keys) {
      const fresh = refresh ? now - entry.attemptedAt < this.minRefreshIntervalMs : now - entry.fetchedAt < this.cacheTtlMs;
      if (fresh) return Promise.resolve(entry.keys);
    }
    if (entry?.failure !== undefined && now - entry.attemptedAt < FAILURE_BACKOFF_MS) return Promise.reject(entry.failure);
    const inFlight = this.fetchKeySet(issuerUrl, pins).then(
      (keys) => {
        this.remember(cacheKey, { keys, attemptedAt: now, fetchedAt: this.now() });
        return keys;
      },
      (error: unknown) => {
        this.remember(cacheKey, { keys: entry?.keys, attemptedAt: now, fetchedAt: entry?.fetchedAt ?? 0, failure: error });
        throw error;
      },
    );
    this.remember(cacheKey, { keys: entry?.keys, attemptedAt: now, fetchedAt: entry?.fetchedAt ?? 0, inFlight });
    return inFlight;
  }

  private remember(cacheKey: string, entry: CachedKeys): void {
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, entry);
    // Providers whose pins changed leave entries behind; drop the least recently stored.
    if (this.cache.size > MAX_CACHED_ISSUERS) this.cache.delete(this.cache.keys().next().value as string);
  }

  /**
   * Discovery, then the JWKS, within ONE deadline (`timeoutMs` for both): a caller waits for
   * AssumeRoleWithOIDC at most that long for keys, well inside the gateway's deadline for the call
   * (10 s), which would otherwise answer 503 while the session might still be committed.
   */
  private async fetchKeySet(issuerUrl: string, pinnedFingerprints: ReadonlySet<string>): Promise<JSONWebKeySet> {
    const broken = () => Errors.oidcIssuerConfigurationBroken(issuerUrl);
    const deadline = Date.now() + this.timeoutMs;
    const get = (url: URL) => {
      const timeoutMs = deadline - Date.now();
      if (timeoutMs <= 0) throw broken();
      return pinnedGet(url, { secureContext: this.secureContext, pinnedFingerprints, timeoutMs, maxBodyBytes: this.maxBodyBytes, issuerUrl, addresses: this.addresses });
    };

    const discoveryUrl = httpsUrl(`${issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!discoveryUrl) throw broken();
    const discovery = parseJson(await get(discoveryUrl));
    const jwksUri = isObject(discovery) && typeof discovery.jwks_uri === 'string' ? httpsUrl(discovery.jwks_uri) : undefined;
    if (!jwksUri) throw broken();

    const jwks = parseJson(await get(jwksUri));
    if (!isObject(jwks) || !Array.isArray(jwks.keys) || !jwks.keys.every((k) => isObject(k) && typeof k.kty === 'string')) throw broken();
    return { keys: jwks.keys as JSONWebKeySet['keys'] };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Only https, and no userinfo: a URL from a discovery document must not smuggle credentials. */
function httpsUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
