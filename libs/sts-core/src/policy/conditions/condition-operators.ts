/**
 * The condition operators of ram-policy.md §4.1. Every negated operator is defined as the negation
 * of a positive one, so "matches none of the values" and "key missing means satisfied" follow from
 * one rule instead of being re-implemented per type.
 */
export type ValueType = 'string' | 'stringIgnoreCase' | 'glob' | 'numeric' | 'date' | 'bool' | 'ip';
export type Comparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

export interface OperatorSpec {
  readonly type: ValueType;
  readonly comparison: Comparison;
  readonly negated: boolean;
}

const op = (type: ValueType, comparison: Comparison = 'eq', negated = false): OperatorSpec => ({ type, comparison, negated });

export const CONDITION_OPERATORS = {
  StringEquals: op('string'),
  StringNotEquals: op('string', 'eq', true),
  StringEqualsIgnoreCase: op('stringIgnoreCase'),
  StringNotEqualsIgnoreCase: op('stringIgnoreCase', 'eq', true),
  StringLike: op('glob'),
  StringNotLike: op('glob', 'eq', true),
  NumericEquals: op('numeric'),
  NumericNotEquals: op('numeric', 'eq', true),
  NumericLessThan: op('numeric', 'lt'),
  NumericLessThanEquals: op('numeric', 'le'),
  NumericGreaterThan: op('numeric', 'gt'),
  NumericGreaterThanEquals: op('numeric', 'ge'),
  DateEquals: op('date'),
  DateNotEquals: op('date', 'eq', true),
  DateLessThan: op('date', 'lt'),
  DateLessThanEquals: op('date', 'le'),
  DateGreaterThan: op('date', 'gt'),
  DateGreaterThanEquals: op('date', 'ge'),
  Bool: op('bool'),
  IpAddress: op('ip'),
  NotIpAddress: op('ip', 'eq', true),
} as const satisfies Record<string, OperatorSpec>;

export type ConditionOperator = keyof typeof CONDITION_OPERATORS;
export const OPERATOR_NAMES = Object.keys(CONDITION_OPERATORS) as ConditionOperator[];

export const SET_QUALIFIERS = ['ForAnyValue', 'ForAllValues'] as const;
export type SetQualifier = (typeof SET_QUALIFIERS)[number];

export const isConditionOperator = (name: string): name is ConditionOperator =>
  Object.prototype.hasOwnProperty.call(CONDITION_OPERATORS, name);
