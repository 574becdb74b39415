import { Errors, type StsError } from '../../errors';
import { parsePolicy } from './policy.parser';
import type { PolicyDocument, PolicyKind } from './policy-document.types';
import type { PolicyGrammarError } from './policy-grammar.error';

/**
 * Size + grammar checks mapped to the error codes each API uses (sts-api.md §3.1, ram-api.md §4-5).
 * Size is checked first, matching the recommended validation order, and counts characters (code
 * points), not UTF-16 units or bytes. Each function throws the StsError the API should return.
 */
export const POLICY_SIZE_LIMITS = {
  /** `Policy` of AssumeRole / AssumeRoleWithSAML / AssumeRoleWithOIDC. */
  session: 2048,
  /** `PolicyDocument` of CreatePolicy / CreatePolicyVersion. */
  managed: 6144,
  /** `AssumeRolePolicyDocument` of CreateRole / UpdateRole: UNCONFIRMED, spec recommendation. */
  trust: 2048,
} as const;

/** The refusals of a session policy; the federated actions answer the same codes in their own texts (sts-api.md §4.3, §5.3). */
export interface SessionPolicyErrors {
  size: (max: number) => StsError;
  grammar: (detail?: string) => StsError;
}

const SESSION_POLICY_ERRORS: SessionPolicyErrors = { size: Errors.policySize, grammar: Errors.policyGrammar };

export function parseSessionPolicy(text: string, errors: SessionPolicyErrors = SESSION_POLICY_ERRORS): PolicyDocument {
  if (exceeds(text, POLICY_SIZE_LIMITS.session)) throw errors.size(POLICY_SIZE_LIMITS.session);
  return orThrow(text, 'session', (e) => errors.grammar(e.detail));
}

export function parseManagedPolicyDocument(text: string): PolicyDocument {
  if (exceeds(text, POLICY_SIZE_LIMITS.managed)) throw Errors.invalidParameterLength('PolicyDocument');
  return orThrow(text, 'identity', (e) => Errors.malformedPolicyDocument(e.detail));
}

/** `parameter` names the request field in the length message (`NewAssumeRolePolicyDocument` on UpdateRole). */
export function parseTrustPolicyDocument(text: string, parameter = 'AssumeRolePolicyDocument'): PolicyDocument {
  if (exceeds(text, POLICY_SIZE_LIMITS.trust)) {
    throw Errors.malformedPolicyDocument(`${parameter}: longer than ${POLICY_SIZE_LIMITS.trust} characters`);
  }
  return orThrow(text, 'trust', (e) => Errors.malformedPolicyDocument(e.detail));
}

/** Characters as code points; only counted when the UTF-16 length could be over the limit. */
export function exceeds(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (const _ of text) if (++count > limit) return true;
  return false;
}

function orThrow(text: string, kind: PolicyKind, toError: (e: PolicyGrammarError) => StsError): PolicyDocument {
  const result = parsePolicy(text, kind);
  if (!result.ok) throw toError(result.error);
  return result.document;
}
