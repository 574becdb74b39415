import type { RequestContext } from '../conditions/request-context';

/** Results of evaluating policies (ram-policy.md §6). */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The statement that decided: `policy` is the ref the caller gave to `compilePolicy`. */
export interface DecidingStatement {
  readonly policy: string;
  /** Zero-based position in the document's `Statement` list. */
  readonly statementIndex: number;
  readonly sid?: string;
}

export interface EvaluationResult {
  readonly decision: Decision;
  /** Present for Allow and ExplicitDeny; an implicit deny has no deciding statement. */
  readonly deciding?: DecidingStatement;
}

export const IMPLICIT_DENY: EvaluationResult = Object.freeze({ decision: 'ImplicitDeny' });

/** One request against identity/session policies. */
export interface AuthorizationRequest {
  /** `<service>:<ActionName>`, e.g. `sts:AssumeRole`. */
  readonly action: string;
  /** The target resource ARN, e.g. `acs:ram::123:role/deployer`. */
  readonly resource: string;
  readonly context?: RequestContext;
}
