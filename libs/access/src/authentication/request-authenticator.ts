import { Errors, StsError } from '@opensts/sts-core/errors';
import { isTemporaryAccessKeyId } from '@opensts/sts-core/ids';
import { accountPrincipal, assumedRolePrincipal, CallerPrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import {
  authenticateRequest,
  CredentialResolution,
  DEFAULT_MAX_SKEW_MS,
  NonceStore,
  NormalisedRequest,
  ParsedAnonymousRequest,
  ParsedSignedRequest,
  SigningFailureReason,
} from '@opensts/sts-core/signing';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { DirectoryView } from '../directory/directory-view';
import { RevocationView } from '../revocation/revocation-view';

export type AuthenticationResult =
  | { ok: true; principal: CallerPrincipal; request: ParsedSignedRequest }
  | { ok: true; principal: undefined; request: ParsedAnonymousRequest }
  | { ok: false; error: StsError; reason: SigningFailureReason };

/**
 * Who signed this request: V1 or V3 signature against a long-term AccessKey from the directory
 * view, or against the secret derived from a SecurityToken (no database read; revocations from
 * memory). Checks run in the signing library's safe order; the nonce is claimed last.
 */
export class RequestAuthenticator {
  constructor(
    private readonly directory: DirectoryView,
    private readonly revocations: RevocationView,
    private readonly tokens: SecurityTokenCodec,
    private readonly nonces: NonceStore,
    private readonly maxSkewMs = DEFAULT_MAX_SKEW_MS,
  ) {}

  async authenticate(req: NormalisedRequest, now: Date = new Date()): Promise<AuthenticationResult> {
    const result = await authenticateRequest<CallerPrincipal>(req, {
      nowMs: now.getTime(),
      maxSkewMs: this.maxSkewMs,
      nonces: this.nonces,
      resolveCredential: (r) => this.resolve(r, now),
    });
    if (!result.ok) return { ok: false, error: result.error, reason: result.reason };
    return result.request.scheme === 'anonymous'
      ? { ok: true, principal: undefined, request: result.request }
      : { ok: true, principal: result.principal as CallerPrincipal, request: result.request };
  }

  /** The secret a request claims to be signed with, and who that makes the caller. */
  resolve(r: ParsedSignedRequest, now: Date): CredentialResolution<CallerPrincipal> {
    if (isTemporaryAccessKeyId(r.accessKeyId)) {
      if (!r.securityToken) return { ok: false, error: Errors.missingSecurityToken() };
      const verified = this.tokens.verify(r.securityToken, r.accessKeyId, now);
      if (!verified.ok) return verified;
      if (this.revocations.isRevoked(verified.value.session)) return { ok: false, error: Errors.securityTokenRevoked() };
      return { ok: true, secret: verified.value.accessKeySecret, principal: assumedRolePrincipal(verified.value.session) };
    }
    if (r.securityToken) return { ok: false, error: Errors.securityTokenMismatch() };
    const key = this.directory.accessKey(r.accessKeyId);
    if (!key) return { ok: false, error: Errors.accessKeyNotFound() };
    if (key.status !== 'Active') return { ok: false, error: Errors.accessKeyInactive() };
    if (key.owner.type === 'Account') return { ok: true, secret: key.secret, principal: accountPrincipal(key.accountId, key.accessKeyId) };
    const user = this.directory.user(key.owner.userId);
    const userName = user?.userName ?? key.owner.userName;
    return { ok: true, secret: key.secret, principal: ramUserPrincipal(key.accountId, key.owner.userId, userName, key.accessKeyId) };
  }
}
