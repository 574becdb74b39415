import type { ConditionOperator, SetQualifier } from '../conditions/condition-operators';

/**
 * The validated form of a policy document. Only `parsePolicy` produces it, so holding one means the
 * grammar check passed; the compiler and the serialiser rely on that and do not re-validate.
 *
 * Single strings in the source are normalised to one-element lists; the serialiser writes them back
 * as single strings.
 */
export type PolicyKind = 'identity' | 'session' | 'trust';
export type Effect = 'Allow' | 'Deny';

export interface PolicyDocument {
  readonly kind: PolicyKind;
  readonly version: '1';
  readonly statements: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: Effect;
  /** Exactly one of `action` / `notAction` is present. */
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  /** Identity and session policies only. */
  readonly resource?: readonly string[];
  /** Trust policies only. */
  readonly principal?: PolicyPrincipal;
  readonly condition?: readonly ConditionBlock[];
}

export interface PolicyPrincipal {
  readonly RAM?: readonly string[];
  readonly Service?: readonly string[];
  readonly Federated?: readonly string[];
}
export const PRINCIPAL_TYPES = ['RAM', 'Service', 'Federated'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** One operator entry of a Condition, e.g. `"ForAnyValue:StringEquals": { "acs:TagKeys": [...] }`. */
export interface ConditionBlock {
  readonly qualifier?: SetQualifier;
  readonly operator: ConditionOperator;
  readonly entries: readonly ConditionEntry[];
}

export interface ConditionEntry {
  /** As written; lookups fold case. */
  readonly key: string;
  /** Numbers and booleans written as JSON literals are kept as their source text. */
  readonly values: readonly string[];
}

export const conditionBlockName = (block: ConditionBlock): string =>
  block.qualifier ? `${block.qualifier}:${block.operator}` : block.operator;
