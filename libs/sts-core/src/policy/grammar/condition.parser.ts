import { JsonNumber, type JsonValue } from './strict-json.parser';
import { childPath, indexPath, PolicyGrammarError, quote } from './policy-grammar.error';
import { describe, readObject } from './element-readers';
import { didYouMean } from './suggestion';
import type { ConditionBlock, ConditionEntry } from './policy-document.types';
import {
  CONDITION_OPERATORS,
  isConditionOperator,
  OPERATOR_NAMES,
  SET_QUALIFIERS,
  type SetQualifier,
  type ValueType,
} from '../conditions/condition-operators';
import { invalidValueReason } from '../conditions/condition-values';
import { isWellFormedConditionKey, MULTI_VALUED_KEY_NAMES, MULTI_VALUED_KEYS } from '../conditions/condition-keys';

/**
 * `Condition` (ram-policy.md §4). Unsupported forms are refused rather than ignored, because an
 * ignored condition turns a restricted Allow into an unrestricted one.
 */
export function parseCondition(value: JsonValue, path: string): ConditionBlock[] {
  const object = readObject(value, path);
  const blocks: ConditionBlock[] = [];
  for (const [name, body] of object) {
    const at = childPath(path, name);
    const { qualifier, operator } = parseOperatorName(name, at);
    const entries = parseEntries(body, at, qualifier, CONDITION_OPERATORS[operator].type);
    blocks.push(qualifier ? { qualifier, operator, entries } : { operator, entries });
  }
  return blocks;
}

function parseOperatorName(name: string, path: string) {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? undefined : name.slice(0, colon);
  const base = colon < 0 ? name : name.slice(colon + 1);
  if (prefix !== undefined && !SET_QUALIFIERS.includes(prefix as SetQualifier)) {
    throw new PolicyGrammarError(path, `unknown set qualifier ${quote(prefix)}${didYouMean(prefix, SET_QUALIFIERS)}`);
  }
  if (base === 'Null') throw new PolicyGrammarError(path, 'the Null operator is not supported');
  if (base.endsWith('IfExists') && isConditionOperator(base.slice(0, -'IfExists'.length))) {
    throw new PolicyGrammarError(path, 'the IfExists suffix is not supported');
  }
  if (!isConditionOperator(base)) {
    throw new PolicyGrammarError(path, `unknown operator ${quote(base)}${didYouMean(base, OPERATOR_NAMES)}`);
  }
  return { qualifier: prefix as SetQualifier | undefined, operator: base };
}

function parseEntries(
  body: JsonValue,
  path: string,
  qualifier: SetQualifier | undefined,
  type: ValueType,
): ConditionEntry[] {
  const object = readObject(body, path);
  if (object.size === 0) throw new PolicyGrammarError(path, 'must name at least one condition key');
  const entries: ConditionEntry[] = [];
  for (const [key, raw] of object) {
    const at = childPath(path, key);
    if (!isWellFormedConditionKey(key)) throw new PolicyGrammarError(at, 'condition keys have the form <prefix>:<name>');
    if (qualifier && !MULTI_VALUED_KEYS.has(key.toLowerCase())) {
      const allowed = MULTI_VALUED_KEY_NAMES.join(', ');
      throw new PolicyGrammarError(at, `${qualifier} applies only to multi-valued keys (${allowed})`);
    }
    const values = readValues(raw, at);
    values.forEach((v, i) => {
      const reason = invalidValueReason(type, v);
      if (reason) throw new PolicyGrammarError(Array.isArray(raw) ? indexPath(at, i) : at, `${quote(v)} ${reason}`);
    });
    entries.push({ key, values });
  }
  return entries;
}

/** Strings, numbers and booleans are accepted (ram-policy.md §1); numbers keep their source text. */
function readValues(raw: JsonValue, path: string): string[] {
  const one = (v: JsonValue, at: string): string => {
    if (typeof v === 'string') return v;
    if (v instanceof JsonNumber) return v.raw;
    if (typeof v === 'boolean') return String(v);
    throw new PolicyGrammarError(at, `must be a string, number or boolean, not ${describe(v)}`);
  };
  if (!Array.isArray(raw)) return [one(raw, path)];
  if (raw.length === 0) throw new PolicyGrammarError(path, 'must not be an empty list');
  return raw.map((v, i) => one(v, indexPath(path, i)));
}
