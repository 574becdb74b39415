import { splitAction, type RequestedAction } from '../matching/action.matcher';
import type { CallerPrincipal } from '../matching/principal.matcher';
import { prepareContext, type RequestContext } from '../conditions/request-context';
import type { ContextLookup } from '../conditions/condition.compiler';
import type { CompiledPolicy, CompiledStatement } from './compiled-policy';
import { IMPLICIT_DENY, type EvaluationResult } from './evaluation.types';
import { isOversizedContext } from './prepared-request';

/**
 * A role's trust policy against the principal asking to assume it (ram-policy.md §5, §6): a
 * statement applies when its action list matches the assume action, its Principal names the caller
 * and its Condition holds. Alibaba writes `sts:AssumeRole` in every trust policy, federated ones
 * included; a federated request also matches `sts:AssumeRoleWithSAML` / `sts:AssumeRoleWithOIDC`
 * (UNCONFIRMED, spec recommendation). Deny beats Allow as everywhere.
 */
export interface TrustRequest {
  readonly caller: CallerPrincipal;
  readonly context?: RequestContext;
}

const ASSUME_ROLE = splitAction('sts:AssumeRole');
const ASSUME_WITH: Readonly<Record<'SAML' | 'OIDC', RequestedAction>> = {
  SAML: splitAction('sts:AssumeRoleWithSAML'),
  OIDC: splitAction('sts:AssumeRoleWithOIDC'),
};

export function evaluateTrustPolicy(trustPolicy: CompiledPolicy, request: TrustRequest): EvaluationResult {
  if (trustPolicy.kind !== 'trust') throw new TypeError(`policy ${trustPolicy.ref} is not a trust policy`);
  if (isOversizedContext(request.context)) return IMPLICIT_DENY; // see EVALUATION_LIMITS
  const context = prepareContext(request.context);
  const { caller } = request;
  const specific = caller.type === 'Federated' ? ASSUME_WITH[caller.protocol] : undefined;
  let allow: EvaluationResult | undefined;
  for (const statement of trustPolicy.statements) {
    if (!applies(statement, caller, specific, context)) continue;
    if (statement.effect === 'Deny') return statement.result;
    allow ??= statement.result;
  }
  return allow ?? IMPLICIT_DENY;
}

function applies(
  statement: CompiledStatement,
  caller: CallerPrincipal,
  specific: RequestedAction | undefined,
  context: ContextLookup,
): boolean {
  // the request has two names; NotAction applies only when neither is listed, the exact negation
  const listed = statement.actions.matches(ASSUME_ROLE) || (specific !== undefined && statement.actions.matches(specific));
  return (
    listed !== statement.negatedAction &&
    statement.principal !== null &&
    statement.principal.matches(caller) &&
    (statement.condition === null || statement.condition.isSatisfied(context))
  );
}
