import type { CompiledPolicy } from './compiled-policy';
import { asPrepared, type PreparedRequest } from './prepared-request';
import { IMPLICIT_DENY, type AuthorizationRequest, type EvaluationResult } from './evaluation.types';

/**
 * Identity-side evaluation (ram-policy.md §6, §7).
 * - One policy set (the union of a user's or role's attached policies): any matching Deny is an
 *   ExplicitDeny, else any matching Allow is an Allow, else ImplicitDeny. The order of policies and
 *   statements never changes the decision, only which statement is named.
 * - A session policy intersects: Allow needs an Allow from the identity policies AND from the
 *   session policy; a Deny in either wins. A session policy can only narrow.
 * The deciding statement is the first match in policy order, then document order.
 */
export interface IdentityPolicies {
  readonly identityPolicies: readonly CompiledPolicy[];
  /** The `Policy` the caller's STS token was issued with, if any. */
  readonly sessionPolicy?: CompiledPolicy;
}

export function evaluatePolicySet(
  policies: readonly CompiledPolicy[],
  request: AuthorizationRequest | PreparedRequest,
): EvaluationResult {
  const prepared = asPrepared(request);
  if (prepared.oversized) return IMPLICIT_DENY;
  return scan(policies, prepared) ?? IMPLICIT_DENY;
}

export function evaluateIdentity(subject: IdentityPolicies, request: AuthorizationRequest | PreparedRequest): EvaluationResult {
  const prepared = asPrepared(request);
  if (prepared.oversized) return IMPLICIT_DENY;
  const { identityPolicies, sessionPolicy } = subject;
  const identity = scan(identityPolicies, prepared);
  if (sessionPolicy === undefined || identity?.decision === 'ExplicitDeny') return identity ?? IMPLICIT_DENY;
  const session = scanOne(sessionPolicy, prepared, undefined);
  if (session?.decision === 'ExplicitDeny') return session;
  return identity !== undefined && session !== undefined ? identity : IMPLICIT_DENY;
}

/**
 * One pass, one bucket lookup per policy: a Deny ends the scan; the first Allow is remembered while
 * later policies are still searched for a Deny. Returns undefined when nothing matched.
 */
function scan(policies: readonly CompiledPolicy[], request: PreparedRequest): EvaluationResult | undefined {
  let found: EvaluationResult | undefined;
  for (const policy of policies) {
    found = scanOne(policy, request, found);
    if (found?.decision === 'ExplicitDeny') return found;
  }
  return found;
}

function scanOne(
  policy: CompiledPolicy,
  { action, resource, context }: PreparedRequest,
  allowSoFar: EvaluationResult | undefined,
): EvaluationResult | undefined {
  assertResourcePolicy(policy);
  const bucket = policy.candidates(action.service);
  for (const s of bucket.deny) if (s.appliesTo(action, resource, context)) return s.result;
  if (allowSoFar !== undefined) return allowSoFar;
  for (const s of bucket.allow) if (s.appliesTo(action, resource, context)) return s.result;
  return undefined;
}

/** A trust policy has no Resource; evaluating it here would ignore the resource entirely. */
function assertResourcePolicy(policy: CompiledPolicy): void {
  if (policy.kind === 'trust') throw new TypeError(`policy ${policy.ref} is a trust policy; use evaluateTrustPolicy`);
}
