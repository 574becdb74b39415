import { createCipheriv, createDecipheriv } from 'node:crypto';
import { pooledRandomBytes } from '../ids/random-source';
import { decodeBase64Url, encodeBase64Url, KeyRing } from '../crypto';
import { Errors, StsError } from '../errors';
import { isTemporaryAccessKeyId } from '../ids';
import { CALLER_TYPES, ISSUANCE_MECHANISMS, SessionClaims } from './session-claims';
import { parseSession, serializeSession } from './session-payload.serializer';
import { deriveTemporarySecret } from './temporary-secret';
import { TokenKey, TokenKeys } from './token-keys';

export const SECURITY_TOKEN_VERSION = 1;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
/** Far above any v1 token (a 2048-character policy that will not deflate ≈ 3 KB); refuses junk before decoding it. */
export const MAX_SECURITY_TOKEN_LENGTH = 16_384;
const MAX_UINT32 = 0xffff_ffff;

export interface IssuedSecurityToken {
  readonly securityToken: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** `Credentials.Expiration`, whole seconds. */
  readonly expiration: Date;
}

export interface VerifiedSecurityToken {
  readonly session: SessionClaims;
  /** The temporary secret the request must have been signed with. */
  readonly accessKeySecret: string;
  readonly keyId: string;
}

export type SecurityTokenResult =
  | { readonly ok: true; readonly value: VerifiedSecurityToken }
  | { readonly ok: false; readonly error: StsError };

/**
 * Issues and verifies SecurityTokens: the whole session sealed with AES-256-GCM under the active
 * token key, the temporary secret derived rather than stored, so verifying a request signed with
 * STS credentials reads no database. Layout and rationale: docs/security-token-format.md.
 */
export class SecurityTokenCodec {
  private readonly keys: TokenKeys;

  constructor(ring: KeyRing) {
    this.keys = new TokenKeys(ring, SECURITY_TOKEN_VERSION);
  }

  issue(claims: SessionClaims): IssuedSecurityToken {
    assertIssuable(claims);
    const key = this.keys.active;
    const nonce = pooledRandomBytes(NONCE_LENGTH);
    const aad = Buffer.concat([key.header, nonce]);
    const cipher = createCipheriv('aes-256-gcm', key.encryptionKey, nonce, { authTagLength: TAG_LENGTH }).setAAD(aad);
    const ciphertext = cipher.update(serializeSession(claims));
    const token = encodeBase64Url(Buffer.concat([aad, ciphertext, cipher.final(), cipher.getAuthTag()]));
    if (token.length > MAX_SECURITY_TOKEN_LENGTH) throw new RangeError('session too large for a SecurityToken');
    return {
      securityToken: token,
      accessKeyId: claims.accessKeyId,
      accessKeySecret: deriveTemporarySecret(key.secretKey, nonce, claims.accessKeyId),
      expiration: new Date(Math.floor(claims.expiresAt.getTime() / 1000) * 1000),
    };
  }

  /** Authenticity and expiry only; for requests use `verify`, which also pairs token and AccessKeyId. */
  decode(token: string, now: Date): SecurityTokenResult {
    const opened = this.open(token);
    if (!opened.ok) return opened;
    return now.getTime() >= opened.value.session.expiresAt.getTime() ? { ok: false, error: Errors.securityTokenExpired() } : opened;
  }

  /**
   * The request path: malformed (any altered byte), then issued for another AccessKeyId, then
   * expired. The order puts the checks that need no clock first.
   */
  verify(token: string, accessKeyId: string, now: Date): SecurityTokenResult {
    const opened = this.open(token);
    if (!opened.ok) return opened;
    if (opened.value.session.accessKeyId !== accessKeyId) return { ok: false, error: Errors.securityTokenMismatch() };
    return now.getTime() >= opened.value.session.expiresAt.getTime() ? { ok: false, error: Errors.securityTokenExpired() } : opened;
  }

  private open(token: string): SecurityTokenResult {
    const bytes = typeof token === 'string' && token.length <= MAX_SECURITY_TOKEN_LENGTH ? decodeBase64Url(token) : undefined;
    const key = bytes === undefined ? undefined : this.keyFor(bytes);
    if (bytes === undefined || key === undefined) return malformed();
    const aadLength = key.header.length + NONCE_LENGTH;
    if (bytes.length < aadLength + TAG_LENGTH) return malformed();
    const nonce = bytes.subarray(key.header.length, aadLength);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAAD(bytes.subarray(0, aadLength));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
      const head = decipher.update(bytes.subarray(aadLength, bytes.length - TAG_LENGTH));
      const tail = decipher.final();
      const session = parseSession(tail.length === 0 ? head : Buffer.concat([head, tail]));
      const accessKeySecret = deriveTemporarySecret(key.secretKey, nonce, session.accessKeyId);
      return { ok: true, value: { session, accessKeySecret, keyId: key.id } };
    } catch {
      // Tag mismatch or a payload we did not write: the same answer, so nothing is learned from which.
      return malformed();
    }
  }

  private keyFor(bytes: Buffer): TokenKey | undefined {
    if (bytes.length < 2 || bytes[0] !== SECURITY_TOKEN_VERSION) return undefined;
    const kidEnd = 2 + bytes[1];
    return bytes.length < kidEnd ? undefined : this.keys.get(bytes.toString('latin1', 2, kidEnd));
  }
}

const malformed = (): SecurityTokenResult => ({ ok: false, error: Errors.securityTokenMalformed() });

/** Issuance validated the request already; failing here is a programming error, not a client one. */
function assertIssuable(claims: SessionClaims): void {
  const issued = Math.floor(claims.issuedAt.getTime() / 1000);
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  if (!isTemporaryAccessKeyId(claims.accessKeyId)) throw new TypeError('accessKeyId must be a temporary (STS.) key id');
  if (!ISSUANCE_MECHANISMS.includes(claims.mechanism)) throw new TypeError(`unknown mechanism ${claims.mechanism}`);
  if (!CALLER_TYPES.includes(claims.caller.type)) throw new TypeError(`unknown caller type ${claims.caller.type}`);
  if (!(issued >= 0 && expires <= MAX_UINT32 && expires > issued)) {
    throw new RangeError('issuedAt and expiresAt must be within 1970..2106 and expiresAt after issuedAt');
  }
}
