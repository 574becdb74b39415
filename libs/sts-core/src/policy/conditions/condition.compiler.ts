import type { ConditionBlock } from '../grammar/policy-document.types';
import { CONDITION_OPERATORS, type SetQualifier, type ValueType } from './condition-operators';
import { compileValueTest, type ValueTest } from './value-test.compiler';

/**
 * A statement's Condition as one predicate over the request context (ram-policy.md §4):
 * values of one key OR, keys and operators AND. Per clause:
 * - no qualifier: satisfied when some request value matches some policy value; a negated operator
 *   is the exact negation, so it means "matches none" and is satisfied when the key is missing;
 * - `ForAnyValue:`: some request value satisfies the operator (missing key: not satisfied);
 * - `ForAllValues:`: every request value does (missing key or empty list: satisfied, as in AWS).
 */
export type ContextValue = string | readonly string[];
/** Request context looked up by lowercased key (see request-context.ts). */
export interface ContextLookup {
  get(foldedKey: string): ContextValue | undefined;
}

export interface CompiledCondition {
  isSatisfied(context: ContextLookup): boolean;
}

class ConditionClause {
  constructor(
    readonly key: string,
    private readonly test: ValueTest,
    private readonly negated: boolean,
    private readonly qualifier: SetQualifier | undefined,
  ) {}

  isSatisfied(context: ContextLookup): boolean {
    const value = context.get(this.key);
    if (this.qualifier === undefined) {
      if (value === undefined) return this.negated;
      return this.anyMatches(value) !== this.negated;
    }
    const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    if (this.qualifier === 'ForAnyValue') return values.some((v) => this.test(v) !== this.negated);
    return values.every((v) => this.test(v) !== this.negated);
  }

  private anyMatches(value: ContextValue): boolean {
    if (typeof value === 'string') return this.test(value);
    for (const v of value) if (this.test(v)) return true;
    return false;
  }
}

/** Cheap clauses first, so a failing string test skips date and IP parsing. */
const COST: Readonly<Record<ValueType, number>> = { string: 0, stringIgnoreCase: 1, bool: 1, glob: 2, numeric: 3, ip: 4, date: 5 };

export function compileCondition(blocks: readonly ConditionBlock[]): CompiledCondition {
  const clauses: Array<{ clause: ConditionClause; cost: number }> = [];
  for (const block of blocks) {
    const spec = CONDITION_OPERATORS[block.operator];
    for (const entry of block.entries) {
      const clause = new ConditionClause(entry.key.toLowerCase(), compileValueTest(spec, entry.values), spec.negated, block.qualifier);
      clauses.push({ clause, cost: COST[spec.type] });
    }
  }
  const ordered = clauses.sort((a, b) => a.cost - b.cost).map((c) => c.clause);
  return {
    isSatisfied(context) {
      for (const clause of ordered) if (!clause.isSatisfied(context)) return false;
      return true;
    },
  };
}
