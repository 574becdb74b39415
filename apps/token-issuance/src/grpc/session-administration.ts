import type { PermissionEvaluator } from '@opensts/access';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { buildRequestContext } from '@opensts/sts-core/policy';
import { callerContextFacts } from '@opensts/sts-core/principal';
import type { ResolvedCaller } from './grpc-caller';

export type SessionAdministrationAction = 'sts:RevokeSession' | 'sts:RevokeRoleSessions' | 'sts:ListSessions';

export interface SessionAdministration {
  readonly action: SessionAdministrationAction;
  /** The account the sessions belong to. */
  readonly accountId: string;
  /** The role ARN authorised on (the session's role for RevokeSession). */
  readonly resource: string;
  /** What a caller from another account is told: the same as for a role or session that does not exist. */
  readonly outsideAccount: () => StsError;
}

/** ListSessions without a role filter is authorised on every role of the account. */
export const everyRoleOf = (accountId: string): string => `acs:ram::${accountId}:role/*`;

/**
 * Session administration is authorised like any RAM action (ADR 0006 rule 5), whoever proved the
 * caller: nobody acts outside its own account; there the account root may do anything, a RAM
 * user or role session needs an Allow for the action on the role's ARN and no Deny.
 */
export function authoriseSessionAdministration(permissions: PermissionEvaluator, caller: ResolvedCaller, request: SessionAdministration, now = new Date()): void {
  const principal = caller.principal;
  if (principal.accountId !== request.accountId) throw request.outsideAccount();
  const context = buildRequestContext({
    now,
    secureTransport: caller.context.secureTransport,
    sourceIp: caller.context.sourceIp || undefined,
    ...callerContextFacts(principal),
  });
  const verdict = permissions.evaluate(principal, { action: request.action, resource: request.resource, context });
  if (verdict.decision !== 'Allow') throw Errors.noPermission();
}
