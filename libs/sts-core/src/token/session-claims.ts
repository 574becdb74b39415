import { assumedRoleArn, roleArn } from '../arn';

/** How the session was obtained. The token stores the index + 1: append only, never reorder. */
export const ISSUANCE_MECHANISMS = ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithOIDC'] as const;
export type IssuanceMechanism = (typeof ISSUANCE_MECHANISMS)[number];

/**
 * Who asked for the session: GetCallerIdentity's IdentityType for signed callers, the identity
 * provider for federated ones. Stored as index + 1: append only, never reorder.
 */
export const CALLER_TYPES = ['Account', 'RAMUser', 'AssumedRoleUser', 'SAMLProvider', 'OIDCProvider'] as const;
export type CallerType = (typeof CALLER_TYPES)[number];

export interface SessionCaller {
  readonly type: CallerType;
  /** The caller's ARN: user, assumed-role session, or the SAML/OIDC provider. */
  readonly arn: string;
}

/**
 * Everything a verifier learns from a SecurityToken without a database read. The role lives in
 * `accountId` (the role's account), so the role ARN is rebuilt from the name rather than stored.
 * Times have second precision, like `Expiration` on the wire; `issue` floors them.
 */
export interface SessionClaims {
  /** The temporary AccessKeyId (`STS.…`); it doubles as the session id for revocation. */
  readonly accessKeyId: string;
  readonly mechanism: IssuanceMechanism;
  readonly accountId: string;
  readonly roleId: string;
  readonly roleName: string;
  readonly roleSessionName: string;
  readonly caller: SessionCaller;
  readonly sourceIdentity?: string;
  /** The session policy exactly as supplied; absent when none was. */
  readonly policy?: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export interface SessionIdentity {
  readonly roleArn: string;
  /** `AssumedRoleUser.Arn` of the AssumeRole* responses. */
  readonly assumedRoleUserArn: string;
  /** `Arn` of GetCallerIdentity for this session. */
  readonly callerIdentityArn: string;
  /** `AssumedRoleUser.AssumedRoleId` and GetCallerIdentity `PrincipalId`: `<RoleId>:<RoleSessionName>`. */
  readonly assumedRoleId: string;
}

export function sessionIdentity(claims: SessionClaims): SessionIdentity {
  const { accountId, roleName, roleSessionName } = claims;
  return {
    roleArn: roleArn(accountId, roleName),
    assumedRoleUserArn: assumedRoleArn(accountId, roleName, roleSessionName, 'role'),
    callerIdentityArn: assumedRoleArn(accountId, roleName, roleSessionName, 'assumed-role'),
    assumedRoleId: `${claims.roleId}:${roleSessionName}`,
  };
}
