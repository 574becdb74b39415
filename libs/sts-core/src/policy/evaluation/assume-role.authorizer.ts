import type { CallerPrincipal } from '../matching/principal.matcher';
import type { RequestContext } from '../conditions/request-context';
import type { CompiledPolicy } from './compiled-policy';
import { evaluateIdentity } from './policy.evaluator';
import { evaluateTrustPolicy } from './trust-policy.evaluator';
import { IMPLICIT_DENY, type Decision, type DecidingStatement, type EvaluationResult } from './evaluation.types';

/**
 * The AssumeRole decision (sts-api.md §3.2, ram-policy.md §6): the role is the resource and its trust
 * policy the resource policy, and here both must Allow: the caller's identity policies (narrowed by
 * its own session policy) must allow `sts:AssumeRole` on the role ARN, and the trust policy must
 * allow the caller. An explicit Deny on either side wins. SAML/OIDC and service callers have no
 * identity policies at assume time, so the trust policy alone decides. The account root is refused
 * outright: roles may not be assumed by root accounts.
 */
export interface AssumeRoleAuthorizationInput {
  readonly caller: CallerPrincipal;
  /** The caller's attached policies (RAM user or role of a role session). */
  readonly identityPolicies?: readonly CompiledPolicy[];
  /** The session policy of a role-session caller's own token; it is not inherited by the new token. */
  readonly sessionPolicy?: CompiledPolicy;
  readonly roleArn: string;
  readonly trustPolicy: CompiledPolicy;
  readonly context?: RequestContext;
}

export type AssumeRoleRefusal = 'RootCaller' | 'IdentityPolicy' | 'TrustPolicy';

export interface AssumeRoleAuthorization {
  readonly decision: Decision;
  /** Which check said no; absent on Allow. */
  readonly refusedBy?: AssumeRoleRefusal;
  readonly deciding?: DecidingStatement;
  /** Absent for root, federated and service callers. */
  readonly identity?: EvaluationResult;
  /** Absent for root callers. */
  readonly trust?: EvaluationResult;
}

export function authorizeAssumeRole(input: AssumeRoleAuthorizationInput): AssumeRoleAuthorization {
  const { caller, context } = input;
  if (caller.type === 'Root') return { decision: 'ImplicitDeny', refusedBy: 'RootCaller' };
  const trust = evaluateTrustPolicy(input.trustPolicy, { caller, context });
  if (caller.type === 'Federated' || caller.type === 'Service') {
    return trust.decision === 'Allow' ? { ...trust, trust } : { ...trust, refusedBy: 'TrustPolicy', trust };
  }
  const identity = evaluateIdentity(
    { identityPolicies: input.identityPolicies ?? [], sessionPolicy: input.sessionPolicy },
    { action: 'sts:AssumeRole', resource: input.roleArn, context },
  );
  if (identity.decision === 'ExplicitDeny') return { ...identity, refusedBy: 'IdentityPolicy', identity, trust };
  if (trust.decision === 'ExplicitDeny') return { ...trust, refusedBy: 'TrustPolicy', identity, trust };
  if (identity.decision !== 'Allow') return { ...IMPLICIT_DENY, refusedBy: 'IdentityPolicy', identity, trust };
  if (trust.decision !== 'Allow') return { ...IMPLICIT_DENY, refusedBy: 'TrustPolicy', identity, trust };
  return { decision: 'Allow', deciding: trust.deciding, identity, trust };
}
