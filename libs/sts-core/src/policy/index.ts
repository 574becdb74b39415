/**
 * The RAM policy engine: grammar check, compilation and evaluation of identity, session and trust
 * policies. Pure and synchronous; see README.md for the API in use.
 */
export * from './grammar/policy-document.types';
export { PolicyGrammarError } from './grammar/policy-grammar.error';
export { parsePolicy, type PolicyParseResult } from './grammar/policy.parser';
export { serialisePolicy } from './grammar/policy.serializer';
export {
  POLICY_SIZE_LIMITS,
  parseManagedPolicyDocument,
  parseSessionPolicy,
  parseTrustPolicyDocument,
} from './grammar/policy-document.validator';

export { CONDITION_OPERATORS, SET_QUALIFIERS, type ConditionOperator, type SetQualifier } from './conditions/condition-operators';
export { ConditionKeys, MULTI_VALUED_KEY_NAMES, requestTagKey, resourceTagKey } from './conditions/condition-keys';
export type { ContextValue } from './conditions/condition.compiler';
export type { RequestContext } from './conditions/request-context';
export { buildRequestContext, type RequestFacts } from './conditions/request-context.builder';

export { compileWildcard, type WildcardMatcher } from './matching/wildcard.matcher';
/** The caller as trust-policy matching sees it (named TrustCaller at the package root). */
export type { CallerPrincipal as TrustCaller } from './matching/principal.matcher';

export { compilePolicy, type CompiledPolicy } from './evaluation/compiled-policy';
export * from './evaluation/evaluation.types';
export { prepareRequest, type PreparedRequest } from './evaluation/prepared-request';
export { evaluateIdentity, evaluatePolicySet, type IdentityPolicies } from './evaluation/policy.evaluator';
export { evaluateTrustPolicy, type TrustRequest } from './evaluation/trust-policy.evaluator';
export {
  authorizeAssumeRole,
  type AssumeRoleAuthorization,
  type AssumeRoleAuthorizationInput,
  type AssumeRoleRefusal,
} from './evaluation/assume-role.authorizer';

export * from './system/system-policies';
