import { Errors, type StsError } from '../errors';
import { parseSignedRequest, type ParseOptions } from './signed-request.parser';
import { verifySignature } from './signature.verifier';
import {
  failure,
  type NormalisedRequest,
  type ParsedAnonymousRequest,
  type ParsedRequest,
  type ParsedSignedRequest,
  type SigningFailure,
  type VerifyResult,
} from './signing.types';

/** ±15 minutes, the skew Alibaba's troubleshooting text gives (sts-api.md §7). */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** Replay protection the caller supplies (in-memory, Redis, SQL…). */
export interface NonceStore {
  /**
   * Atomically record `(accessKeyId, nonce)` until `expiresAtMs`; `false` when it is already
   * recorded. After `expiresAtMs` the timestamp check alone refuses a replay, so it may be forgotten.
   */
  claim(accessKeyId: string, nonce: string, expiresAtMs: number): boolean | Promise<boolean>;
}

export function checkTimestamp(request: ParsedRequest, nowMs: number, maxSkewMs = DEFAULT_MAX_SKEW_MS): VerifyResult {
  if (request.timestampMs === undefined || Math.abs(nowMs - request.timestampMs) <= maxSkewMs) return { ok: true };
  return failure('TimestampExpired', Errors.timestampExpired());
}

/** The secret to check against and whatever the caller learnt finding it (user, session…). */
export type CredentialResolution<P> =
  | { readonly ok: true; readonly secret: string; readonly principal: P }
  | { readonly ok: false; readonly error: StsError };

export interface AuthenticateOptions<P> {
  readonly nowMs: number;
  readonly maxSkewMs?: number;
  readonly nonces: NonceStore;
  /** Long-term key from the read model, or the session inside a decrypted SecurityToken. */
  readonly resolveCredential: (request: ParsedSignedRequest) => CredentialResolution<P> | Promise<CredentialResolution<P>>;
  readonly parse?: ParseOptions;
}

export type AuthenticateResult<P> =
  | { readonly ok: true; readonly request: ParsedSignedRequest; readonly principal: P }
  | { readonly ok: true; readonly request: ParsedAnonymousRequest; readonly principal: undefined }
  | SigningFailure;

/**
 * The whole check sequence in the one safe order: format (parse) → timestamp window → credential
 * lookup → signature → nonce. The nonce is claimed last so that requests with a bad signature or a
 * stale timestamp cannot burn nonces belonging to someone else's in-flight requests, and the
 * cheap secret-free checks run before the lookup.
 */
export async function authenticateRequest<P>(
  req: NormalisedRequest,
  options: AuthenticateOptions<P>,
): Promise<AuthenticateResult<P>> {
  const parsed = parseSignedRequest(req, options.parse);
  if (!parsed.ok) return parsed;
  const request = parsed.request;
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const fresh = checkTimestamp(request, options.nowMs, maxSkewMs);
  if (!fresh.ok) return fresh;
  if (request.scheme === 'anonymous') return { ok: true, request, principal: undefined };

  const credential = await options.resolveCredential(request);
  if (!credential.ok) return failure('CredentialRejected', credential.error);
  const verified = verifySignature(request, credential.secret);
  if (!verified.ok) return verified;
  if (!(await options.nonces.claim(request.accessKeyId, request.nonce, request.timestampMs + maxSkewMs))) {
    return failure('NonceUsed', Errors.signatureNonceUsed());
  }
  return { ok: true, request, principal: credential.principal };
}
