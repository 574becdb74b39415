import { opensts } from '@opensts/grpc-api';
import { CALLER_TYPES, CallerType, ISSUANCE_MECHANISMS, IssuanceMechanism, SessionClaims, sessionIdentity } from '@opensts/sts-core/token';
import { accountPrincipal, assumedRolePrincipal, CallerPrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { Errors } from '@opensts/sts-core/errors';

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function sessionToProto(s: SessionClaims): opensts.Session {
  return {
    accessKeyId: s.accessKeyId,
    roleId: s.roleId,
    roleName: s.roleName,
    roleArn: sessionIdentity(s).roleArn,
    roleSessionName: s.roleSessionName,
    sourceIdentity: s.sourceIdentity ?? '',
    issuedAt: iso(s.issuedAt),
    expiration: iso(s.expiresAt),
    sessionPolicy: s.policy ?? '',
    callerArn: s.caller.arn,
    mechanism: s.mechanism,
    callerType: s.caller.type,
    accountId: s.accountId,
  };
}

export function sessionFromProto(s: opensts.Session): SessionClaims {
  if (!ISSUANCE_MECHANISMS.includes(s.mechanism as IssuanceMechanism) || !CALLER_TYPES.includes(s.callerType as CallerType)) {
    throw Errors.internalError();
  }
  return {
    accessKeyId: s.accessKeyId,
    mechanism: s.mechanism as IssuanceMechanism,
    accountId: s.accountId,
    roleId: s.roleId,
    roleName: s.roleName,
    roleSessionName: s.roleSessionName,
    caller: { type: s.callerType as CallerType, arn: s.callerArn },
    sourceIdentity: s.sourceIdentity || undefined,
    policy: s.sessionPolicy || undefined,
    issuedAt: new Date(s.issuedAt),
    expiresAt: new Date(s.expiration),
  };
}

/** A verified principal on the wire between OpenSTS services (only over authenticated channels). */
export function principalToProto(p: CallerPrincipal): opensts.Principal {
  const base = { accountId: p.accountId, arn: p.arn, accessKeyId: p.accessKeyId, userId: '', userName: '', principalId: '', session: undefined };
  switch (p.type) {
    case 'Account':
      return { ...base, type: opensts.PrincipalType.PRINCIPAL_TYPE_ACCOUNT, principalId: p.accountId };
    case 'RAMUser':
      return { ...base, type: opensts.PrincipalType.PRINCIPAL_TYPE_RAM_USER, principalId: p.userId, userId: p.userId, userName: p.userName };
    case 'AssumedRoleUser':
      return { ...base, type: opensts.PrincipalType.PRINCIPAL_TYPE_ASSUMED_ROLE, principalId: sessionIdentity(p.session).assumedRoleId, session: sessionToProto(p.session) };
    default: {
      const never: never = p;
      return never;
    }
  }
}

export function principalFromProto(p: opensts.Principal): CallerPrincipal {
  switch (p.type) {
    case opensts.PrincipalType.PRINCIPAL_TYPE_ACCOUNT:
      return accountPrincipal(p.accountId, p.accessKeyId);
    case opensts.PrincipalType.PRINCIPAL_TYPE_RAM_USER:
      return ramUserPrincipal(p.accountId, p.userId, p.userName, p.accessKeyId);
    case opensts.PrincipalType.PRINCIPAL_TYPE_ASSUMED_ROLE:
      if (!p.session) throw Errors.internalError();
      return assumedRolePrincipal(sessionFromProto(p.session));
    default:
      throw Errors.internalError();
  }
}
