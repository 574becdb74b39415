import type { PolicyDocument, PolicyKind, PolicyStatement } from '../grammar/policy-document.types';
import { ActionMatcher, type RequestedAction } from '../matching/action.matcher';
import { ResourceMatcher, type RequestedResource } from '../matching/resource.matcher';
import { PrincipalMatcher } from '../matching/principal.matcher';
import { compileCondition, type CompiledCondition, type ContextLookup } from '../conditions/condition.compiler';
import type { EvaluationResult } from './evaluation.types';

/**
 * A policy compiled once for repeated evaluation. Statements are pre-sorted into per-service buckets
 * (denies and allows apart, document order kept), so a request for `ecs:DescribeInstances` only
 * visits statements that can name an `ecs` action; each statement carries its frozen result object,
 * so a decision allocates nothing.
 */
export class CompiledStatement {
  readonly result: EvaluationResult;

  constructor(
    readonly effect: 'Allow' | 'Deny',
    readonly actions: ActionMatcher,
    readonly negatedAction: boolean,
    readonly resources: ResourceMatcher | null,
    readonly principal: PrincipalMatcher | null,
    readonly condition: CompiledCondition | null,
    deciding: { policy: string; statementIndex: number; sid?: string },
  ) {
    const decision = effect === 'Allow' ? 'Allow' : 'ExplicitDeny';
    this.result = Object.freeze({ decision, deciding: Object.freeze(deciding) });
  }

  matchesAction(action: RequestedAction): boolean {
    return this.actions.matches(action) !== this.negatedAction;
  }

  appliesTo(action: RequestedAction, resource: RequestedResource, context: ContextLookup): boolean {
    return (
      this.matchesAction(action) &&
      (this.resources === null || this.resources.matches(resource)) &&
      (this.condition === null || this.condition.isSatisfied(context))
    );
  }
}

export interface StatementBucket {
  readonly deny: readonly CompiledStatement[];
  readonly allow: readonly CompiledStatement[];
}

export class CompiledPolicy {
  private readonly buckets = new Map<string, StatementBucket>();
  private readonly otherServices: StatementBucket;

  constructor(
    readonly ref: string,
    readonly kind: PolicyKind,
    readonly statements: readonly CompiledStatement[],
  ) {
    const universal = statements.filter((s) => s.negatedAction || s.actions.anyService);
    this.otherServices = bucket(universal);
    const services = new Set(statements.flatMap((s) => [...s.actions.services]));
    for (const service of services) {
      this.buckets.set(service, bucket(statements.filter((s) => universal.includes(s) || s.actions.services.has(service))));
    }
  }

  /** Statements that could match an action of `service` (lowercased). */
  candidates(service: string): StatementBucket {
    return this.buckets.get(service) ?? this.otherServices;
  }
}

const bucket = (statements: readonly CompiledStatement[]): StatementBucket => ({
  deny: statements.filter((s) => s.effect === 'Deny'),
  allow: statements.filter((s) => s.effect === 'Allow'),
});

/** `ref` is echoed in `deciding.policy`: use the policy name (and version) the audit trail needs. */
export function compilePolicy(document: PolicyDocument, ref: string): CompiledPolicy {
  return new CompiledPolicy(ref, document.kind, document.statements.map((s, i) => compileStatement(s, i, ref)));
}

function compileStatement(statement: PolicyStatement, index: number, ref: string): CompiledStatement {
  const deciding = statement.sid === undefined ? { policy: ref, statementIndex: index } : { policy: ref, statementIndex: index, sid: statement.sid };
  return new CompiledStatement(
    statement.effect,
    new ActionMatcher(statement.action ?? statement.notAction ?? []),
    statement.notAction !== undefined,
    statement.resource ? new ResourceMatcher(statement.resource) : null,
    statement.principal ? new PrincipalMatcher(statement.principal) : null,
    statement.condition ? compileCondition(statement.condition) : null,
    deciding,
  );
}
