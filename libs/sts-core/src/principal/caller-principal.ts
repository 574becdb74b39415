import { rootArn, userArn } from '../arn';
import type { RequestFacts, TrustCaller } from '../policy';
import { SessionClaims, sessionIdentity } from '../token';

/**
 * The authenticated caller of an API request, as GetCallerIdentity reports it: the account root,
 * a RAM user, or a role session (temporary credentials, the session decoded from its token).
 */
export type CallerPrincipal = AccountPrincipal | RamUserPrincipal | AssumedRolePrincipal;

interface PrincipalBase {
  readonly accountId: string;
  readonly arn: string;
  /** The AccessKeyId the request was signed with. */
  readonly accessKeyId: string;
}

export interface AccountPrincipal extends PrincipalBase {
  readonly type: 'Account';
}

export interface RamUserPrincipal extends PrincipalBase {
  readonly type: 'RAMUser';
  readonly userId: string;
  readonly userName: string;
}

export interface AssumedRolePrincipal extends PrincipalBase {
  readonly type: 'AssumedRoleUser';
  readonly session: SessionClaims;
}

export type IdentityType = CallerPrincipal['type'];

export const accountPrincipal = (accountId: string, accessKeyId: string): AccountPrincipal => ({
  type: 'Account',
  accountId,
  arn: rootArn(accountId),
  accessKeyId,
});

export const ramUserPrincipal = (accountId: string, userId: string, userName: string, accessKeyId: string): RamUserPrincipal => ({
  type: 'RAMUser',
  accountId,
  userId,
  userName,
  arn: userArn(accountId, userName),
  accessKeyId,
});

export const assumedRolePrincipal = (session: SessionClaims): AssumedRolePrincipal => ({
  type: 'AssumedRoleUser',
  accountId: session.accountId,
  arn: sessionIdentity(session).callerIdentityArn,
  accessKeyId: session.accessKeyId,
  session,
});

/** GetCallerIdentity's body for a principal (sts-api.md §6.1). */
export function callerIdentity(p: CallerPrincipal): Record<string, string> {
  switch (p.type) {
    case 'Account':
      return { AccountId: p.accountId, Arn: p.arn, IdentityType: 'Account', PrincipalId: p.accountId, UserId: p.accountId };
    case 'RAMUser':
      return { AccountId: p.accountId, Arn: p.arn, IdentityType: 'RAMUser', PrincipalId: p.userId, UserId: p.userId };
    case 'AssumedRoleUser': {
      const id = sessionIdentity(p.session);
      return { AccountId: p.accountId, Arn: id.callerIdentityArn, IdentityType: 'AssumedRoleUser', PrincipalId: id.assumedRoleId, RoleId: p.session.roleId };
    }
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** The caller as the trust-policy engine matches it against `Principal` entries. */
export function trustCallerOf(p: CallerPrincipal): TrustCaller {
  switch (p.type) {
    case 'Account':
      return { type: 'Root', accountId: p.accountId };
    case 'RAMUser':
      return { type: 'RamUser', accountId: p.accountId, userName: p.userName };
    case 'AssumedRoleUser':
      return { type: 'RoleSession', accountId: p.accountId, roleName: p.session.roleName };
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** What a request context says about its caller (acs:AccessId, acs:Principal*), for `buildRequestContext`. */
export function callerContextFacts(p: CallerPrincipal): Pick<RequestFacts, 'accessKeyId' | 'principal'> {
  return {
    accessKeyId: p.accessKeyId,
    principal: { arn: p.arn, accountId: p.accountId, type: p.type, ramUserId: p.type === 'RAMUser' ? p.userId : undefined },
  };
}
