import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet, type KeyLike } from 'jose';
import { Errors, StsError } from '../../errors';

/** The parts of a registered OIDC provider (federation.md B.1) that token verification reads. */
export interface OidcProviderTrust {
  readonly issuerUrl: string;
  readonly clientIds: readonly string[];
  readonly issuanceLimitHours: number;
}

/**
 * Gives the issuer's JWKS; `refresh` asks to bypass a cache (called once when no key matches the
 * token's kid). Throws StsError (IssuerConfigurationBroken / PublicKeyFingerprintMismatch).
 */
export type OidcKeySetSource = (refresh: boolean) => Promise<JSONWebKeySet>;

export interface VerifiedOidcToken {
  readonly issuer: string;
  readonly subject: string;
  /** Every `aud` value of the token, in its order (OIDCTokenInfo.ClientIds joins them with `,`). */
  readonly audiences: readonly string[];
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** Asymmetric algorithms only: `none` and HMAC (a public key used as a shared secret) never verify. */
export const OIDC_TOKEN_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

const MIN_LENGTH = 4;
const MAX_LENGTH = 20_000;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * AssumeRoleWithOIDC token checks (federation.md B.2 #1, #3–#10) in an order that keeps the error
 * codes stable: shape and algorithm, issuer (before any key fetch: keys only ever come from the
 * registered issuer), signature, then exp, aud, iat, sub, nbf.
 */
export async function verifyOidcToken(
  token: string,
  trust: OidcProviderTrust,
  keys: OidcKeySetSource,
  now: Date,
  clockSkewSeconds = 60,
): Promise<VerifiedOidcToken> {
  assertShapeAndAlgorithm(token);
  let unverifiedIssuer: unknown;
  try {
    unverifiedIssuer = decodeJwt(token).iss;
  } catch {
    throw Errors.oidcTokenInvalid();
  }
  if (unverifiedIssuer !== trust.issuerUrl) throw Errors.oidcIssuerNotMatch();

  const payload = await verifiedPayload(token, trust.issuerUrl, keys);
  return checkClaims(payload, trust, now.getTime() / 1000, clockSkewSeconds);
}

function assertShapeAndAlgorithm(token: string): void {
  if (typeof token !== 'string' || token.length < MIN_LENGTH || token.length > MAX_LENGTH || !COMPACT_JWS.test(token)) {
    throw Errors.oidcTokenInvalid();
  }
  // Lenient base64url decoding would let several spellings of one signature verify.
  if (!token.split('.').every((segment) => Buffer.from(segment, 'base64url').toString('base64url') === segment)) {
    throw Errors.oidcTokenInvalid();
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw Errors.oidcTokenInvalid();
  }
  // `crit` is how a JWS turns off payload encoding (b64); an ID token has no use for either.
  if (typeof header.alg !== 'string' || !OIDC_TOKEN_ALGORITHMS.includes(header.alg) || header.crit !== undefined) {
    throw Errors.oidcTokenInvalid();
  }
}

async function verifiedPayload(token: string, issuerUrl: string, keys: OidcKeySetSource): Promise<Record<string, unknown>> {
  let bytes: Uint8Array;
  try {
    bytes = await verifyWith(token, await keySet(keys, false, issuerUrl));
  } catch (e) {
    if (!(e instanceof errors.JWKSNoMatchingKey)) throw asStsError(e, issuerUrl);
    try {
      bytes = await verifyWith(token, await keySet(keys, true, issuerUrl));
    } catch (again) {
      throw asStsError(again, issuerUrl);
    }
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw Errors.oidcTokenInvalid();
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw Errors.oidcTokenInvalid();
  return claims as Record<string, unknown>;
}

async function keySet(keys: OidcKeySetSource, refresh: boolean, issuerUrl: string): Promise<JSONWebKeySet> {
  try {
    return await keys(refresh);
  } catch (e) {
    throw StsError.is(e) ? e : Errors.oidcIssuerConfigurationBroken(issuerUrl);
  }
}

/**
 * Bounds on what one anonymous token can make us compute with an issuer's key set (the issuer is
 * whoever registered the provider): a JWKS of hundreds of RSA keys with huge public exponents made
 * a kid-less token cost over a second of verifications.
 */
const MAX_JWKS_KEYS = 100;
const MAX_CANDIDATE_KEYS = 3;
/** base64url of a public exponent of at most 32 bits (65537 is `AQAB`). */
const SMALL_RSA_EXPONENT = /^[A-Za-z0-9_-]{1,6}$/;

function usableKeys(jwks: JSONWebKeySet): JSONWebKeySet {
  if (!Array.isArray(jwks.keys)) return jwks; // jose refuses it as JWKSInvalid
  return { keys: jwks.keys.slice(0, MAX_JWKS_KEYS).filter((key) => key.kty !== 'RSA' || (typeof key.e === 'string' && SMALL_RSA_EXPONENT.test(key.e))) };
}

/**
 * One jose key set per fetched JWKS (the key source hands out the same object while it is cached):
 * jose imports a key once per key set, so a set made per token imported the key for every token.
 */
const localKeySets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();

function localKeySet(jwks: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  let local = localKeySets.get(jwks);
  if (local === undefined) {
    local = createLocalJWKSet(usableKeys(jwks));
    localKeySets.set(jwks, local);
  }
  return local;
}

async function verifyWith(token: string, jwks: JSONWebKeySet): Promise<Uint8Array> {
  const options = { algorithms: [...OIDC_TOKEN_ALGORITHMS] };
  try {
    return (await compactVerify(token, localKeySet(jwks), options)).payload;
  } catch (e) {
    if (!(e instanceof errors.JWKSMultipleMatchingKeys)) throw e;
    // No kid and several keys of the right type: jose hands the candidates over to try in turn
    // (a few: an issuer rotating keys publishes two or three, never hundreds).
    let tried = 0;
    for await (const key of e as AsyncIterable<KeyLike>) {
      if (++tried > MAX_CANDIDATE_KEYS) break;
      try {
        return (await compactVerify(token, key, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

/** jose errors by class: a malformed key set is the issuer's fault, everything else the token's. */
function asStsError(e: unknown, issuerUrl: string): StsError {
  if (StsError.is(e)) return e;
  if (e instanceof errors.JWKSInvalid) return Errors.oidcIssuerConfigurationBroken(issuerUrl);
  return Errors.oidcTokenInvalid();
}

function checkClaims(claims: Record<string, unknown>, trust: OidcProviderTrust, nowSeconds: number, skew: number): VerifiedOidcToken {
  const { iss, exp, aud, iat, sub, nbf } = claims;
  if (iss !== trust.issuerUrl) throw Errors.oidcIssuerNotMatch();

  if (!isNumericDate(exp)) throw Errors.oidcTokenInvalid();
  if (nowSeconds >= exp + skew) throw Errors.oidcTokenExpired();

  const audiences = typeof aud === 'string' ? [aud] : aud;
  if (audiences !== undefined && !(Array.isArray(audiences) && audiences.every((a) => typeof a === 'string'))) {
    throw Errors.oidcTokenInvalid();
  }
  if (!audiences?.some((a) => trust.clientIds.includes(a))) throw Errors.oidcAudienceNotMatch();

  if (!isNumericDate(iat) || iat > nowSeconds + skew || nowSeconds - iat > trust.issuanceLimitHours * 3600 + skew) {
    throw Errors.oidcTokenInvalid();
  }
  if (typeof sub !== 'string' || sub.length === 0) throw Errors.oidcTokenInvalid();
  if (nbf !== undefined && (!isNumericDate(nbf) || nbf > nowSeconds + skew)) throw Errors.oidcTokenInvalid();

  return { issuer: iss, subject: sub, audiences: [...audiences], issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
}

/** The last second ExpirationTime (ISO 8601, four-digit years) can name: 9999-12-31T23:59:59Z. */
const LAST_NUMERIC_DATE = 253_402_300_799;

/** Seconds since the epoch that an answer can write back; a later `exp` would fail only after its session was committed. */
function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= LAST_NUMERIC_DATE;
}
