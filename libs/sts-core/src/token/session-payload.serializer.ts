import { compressPolicy, decompressPolicy, StoredPolicy } from './policy-compression';
import { MalformedPayloadError, PayloadReader, PayloadWriter } from './payload-bytes';
import { CALLER_TYPES, ISSUANCE_MECHANISMS, SessionClaims } from './session-claims';

const HAS_SOURCE_IDENTITY = 0x01;
const HAS_POLICY = 0x02;
const POLICY_DEFLATED = 0x04;
const KNOWN_FLAGS = HAS_SOURCE_IDENTITY | HAS_POLICY | POLICY_DEFLATED;

const toSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * The plaintext of a v1 token (docs/security-token-format.md): flags, mechanism, caller type,
 * issued-at and expiry as u32 epoch seconds, then varint-length-prefixed strings. Binary rather
 * than JSON: half the size, and no field names in every request header.
 */
export function serializeSession(claims: SessionClaims): Buffer {
  const policy = claims.policy === undefined ? undefined : compressPolicy(claims.policy);
  const flags =
    (claims.sourceIdentity !== undefined ? HAS_SOURCE_IDENTITY : 0) |
    (policy !== undefined ? HAS_POLICY : 0) |
    (policy?.deflated ? POLICY_DEFLATED : 0);
  const writer = new PayloadWriter()
    .u8(flags)
    .u8(ISSUANCE_MECHANISMS.indexOf(claims.mechanism) + 1)
    .u8(CALLER_TYPES.indexOf(claims.caller.type) + 1)
    .u32(toSeconds(claims.issuedAt))
    .u32(toSeconds(claims.expiresAt))
    .string(claims.accessKeyId)
    .string(claims.accountId)
    .string(claims.roleId)
    .string(claims.roleName)
    .string(claims.roleSessionName)
    .string(claims.caller.arn);
  if (claims.sourceIdentity !== undefined) writer.string(claims.sourceIdentity);
  if (policy !== undefined) writer.bytes(policy.bytes);
  return writer.finish();
}

/** Parses a decrypted payload; throws MalformedPayloadError on anything it did not write. */
export function parseSession(payload: Buffer): SessionClaims {
  const reader = new PayloadReader(payload);
  const flags = reader.u8();
  if ((flags & ~KNOWN_FLAGS) !== 0 || (flags & POLICY_DEFLATED && !(flags & HAS_POLICY))) {
    throw new MalformedPayloadError('unknown flags');
  }
  const mechanism = ISSUANCE_MECHANISMS[reader.u8() - 1];
  const callerType = CALLER_TYPES[reader.u8() - 1];
  if (mechanism === undefined || callerType === undefined) throw new MalformedPayloadError('unknown enum value');
  const issuedAt = new Date(reader.u32() * 1000);
  const expiresAt = new Date(reader.u32() * 1000);
  const accessKeyId = reader.string();
  const accountId = reader.string();
  const roleId = reader.string();
  const roleName = reader.string();
  const roleSessionName = reader.string();
  const callerArn = reader.string();
  const caller = { type: callerType, arn: callerArn };
  const sourceIdentity = flags & HAS_SOURCE_IDENTITY ? reader.string() : undefined;
  const policy = flags & HAS_POLICY ? { bytes: reader.bytes(), deflated: (flags & POLICY_DEFLATED) !== 0 } : undefined;
  reader.end();
  const session: Mutable<SessionClaims> = policy?.deflated
    ? {
        accessKeyId,
        mechanism,
        accountId,
        roleId,
        roleName,
        roleSessionName,
        caller,
        issuedAt,
        expiresAt,
        get policy() {
          return inflateOnce(this, policy);
        },
      }
    : { accessKeyId, mechanism, accountId, roleId, roleName, roleSessionName, caller, issuedAt, expiresAt };
  if (policy !== undefined && !policy.deflated) session.policy = policy.bytes.toString('utf8');
  if (sourceIdentity !== undefined) session.sourceIdentity = sourceIdentity;
  return session;
}

/**
 * Inflating costs more than the rest of a verification together (≈ 8 µs, mostly zlib set-up), and
 * a request whose signature fails, or GetCallerIdentity, never reads the policy: a deflated policy
 * is inflated on first read and memoised (an object-literal getter, far cheaper to create than
 * `defineProperty`). It is authenticated data we deflated ourselves, so a failure there is a bug,
 * not a client error.
 */
function inflateOnce(session: SessionClaims, stored: StoredPolicy): string {
  const policy = decompressPolicy(stored);
  Object.defineProperty(session, 'policy', { value: policy, enumerable: true, writable: false, configurable: false });
  return policy;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
