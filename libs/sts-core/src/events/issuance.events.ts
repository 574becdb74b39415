import type { SessionCallerV1, SessionIssuedV1 } from './session-issued.v1';

export type { SessionCallerV1, SessionIssuedV1 } from './session-issued.v1';

/**
 * Events of token-issuance (topics `Topics.issuance` and, for revocations, `Topics.revocations`: issuanceTopicOf). The session stream is event-sourced; these
 * are the contracts other services (gateway, audit) consume. Never a secret or a SecurityToken.
 * Versions: the version is part of the type name; older versions are frozen in their own file and
 * upcast on read by `issuance.serde.ts`, the one place that knows every version.
 */

/**
 * SessionIssued v2 = v1 + the session policy text (ListSessions reports it; v1 only said whether
 * there was one) + the granted duration. A session policy is not a secret (the caller wrote it).
 */
export interface SessionIssuedV2 extends SessionIssuedV1 {
  /** The `Policy` exactly as supplied; absent when none was (or, upcast from v1, unknown). */
  sessionPolicy?: string;
  durationSeconds: number;
  /**
   * AssumeRoleWithSAML/OIDC: who the identity provider said the caller is (assertion Issuer and
   * NameID, or token iss and sub). The session name of an OIDC session is the caller's choice,
   * so this is what ties the session to a person in the audit trail. Added later as an optional
   * field: events without it stay valid v2 events.
   */
  federatedIdentity?: FederatedIdentityV2;
}

export interface FederatedIdentityV2 {
  issuer: string;
  subject: string;
}

export interface SessionRevokedV1 {
  accessKeyId: string;
  accountId: string;
  roleId: string;
  roleArn: string;
  reason?: string;
  revokedAt: string;
}

/** Every session of the role issued strictly before `issuedBefore` is refused from now on. */
export interface RoleSessionsRevokedV1 {
  accountId: string;
  roleId: string;
  roleArn: string;
  issuedBefore: string;
  revokedAt: string;
}

/** A refused AssumeRole* is a result worth auditing (not event-sourced; published through the outbox). */
export interface AssumeRoleRefusedV1 {
  accountId?: string;
  roleArn: string;
  roleSessionName?: string;
  mechanism: 'AssumeRole' | 'AssumeRoleWithSAML' | 'AssumeRoleWithOIDC';
  caller?: SessionCallerV1;
  errorCode: string;
}

/** A domain event whose schema version is a literal, so the serde's switch is exhaustive. */
interface Versioned<TType extends string, TVersion extends number, TPayload> {
  type: TType;
  schemaVersion: TVersion;
  payload: TPayload;
}

export type SessionIssuedEvent = Versioned<'SessionIssued', 2, SessionIssuedV2>;
export type SessionRevokedEvent = Versioned<'SessionRevoked', 1, SessionRevokedV1>;
export type RoleSessionsRevokedEvent = Versioned<'RoleSessionsRevoked', 1, RoleSessionsRevokedV1>;
export type AssumeRoleRefusedEvent = Versioned<'AssumeRoleRefused', 1, AssumeRoleRefusedV1>;

/** The current version of every issuance event: what producers write and consumers work with. */
export type IssuanceEvent = SessionIssuedEvent | SessionRevokedEvent | RoleSessionsRevokedEvent | AssumeRoleRefusedEvent;
export type IssuanceEventType = IssuanceEvent['type'];

/** Every version ever written, as it may come out of the store or off the topic. */
export type StoredIssuanceEvent = IssuanceEvent | Versioned<'SessionIssued', 1, SessionIssuedV1>;
