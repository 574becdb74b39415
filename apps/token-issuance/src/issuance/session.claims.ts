import type { SessionIssuedV2 } from '@opensts/sts-core/events';
import type { SessionClaims } from '@opensts/sts-core/token';

/** What the SecurityToken of an issued session says: exactly the committed event, nothing else. */
export function claimsOf(p: SessionIssuedV2): SessionClaims {
  return {
    accessKeyId: p.accessKeyId,
    mechanism: p.mechanism,
    accountId: p.accountId,
    roleId: p.roleId,
    roleName: p.roleName,
    roleSessionName: p.roleSessionName,
    caller: { type: p.caller.type, arn: p.caller.arn },
    sourceIdentity: p.sourceIdentity,
    policy: p.sessionPolicy,
    issuedAt: new Date(p.issuedAt),
    expiresAt: new Date(p.expiration),
  };
}
