import { DomainEvent } from './envelope';

/**
 * Events of token-issuance (topic `Topics.issuance`). The session stream is event-sourced; these
 * are the contracts other services (gateway, audit) consume. Never a secret or a SecurityToken.
 * Versions: each type carries `schemaVersion`; older versions are frozen and upcast on read.
 */
export interface SessionCallerV1 {
  type: 'Account' | 'RAMUser' | 'AssumedRoleUser' | 'SAMLProvider' | 'OIDCProvider';
  arn: string;
}

export interface SessionIssuedV1 {
  /** The temporary AccessKeyId (`STS.…`), which is also the session id. */
  accessKeyId: string;
  accountId: string;
  roleId: string;
  roleName: string;
  roleArn: string;
  roleSessionName: string;
  mechanism: 'AssumeRole' | 'AssumeRoleWithSAML' | 'AssumeRoleWithOIDC';
  caller: SessionCallerV1;
  sourceIdentity?: string;
  hasSessionPolicy: boolean;
  /** ISO-8601 UTC, second precision. */
  issuedAt: string;
  expiration: string;
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

export type IssuanceEvent =
  | DomainEvent<'SessionIssued', SessionIssuedV1>
  | DomainEvent<'SessionRevoked', SessionRevokedV1>
  | DomainEvent<'RoleSessionsRevoked', RoleSessionsRevokedV1>
  | DomainEvent<'AssumeRoleRefused', AssumeRoleRefusedV1>;

export type IssuanceEventType = IssuanceEvent['type'];
