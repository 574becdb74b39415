import { JsonNumber, type JsonObject, type JsonValue } from './strict-json.parser';
import { childPath, indexPath, PolicyGrammarError, quote } from './policy-grammar.error';
import { didYouMean } from './suggestion';

/** Small typed readers over the strict-JSON tree; each failure names the element it rejects. */
export function describe(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'an object';
  if (value instanceof JsonNumber) return 'a number';
  return typeof value === 'boolean' ? 'a boolean' : 'a string';
}

export function readObject(value: JsonValue, path: string): JsonObject {
  if (value instanceof Map) return value;
  throw new PolicyGrammarError(path, `must be an object, not ${describe(value)}`);
}

export function readString(value: JsonValue, path: string): string {
  if (typeof value === 'string') return value;
  throw new PolicyGrammarError(path, `must be a string, not ${describe(value)}`);
}

/** A string or a non-empty list of strings; `check` returns a reason when an item is unusable. */
export function readStringList(
  value: JsonValue,
  path: string,
  check: (item: string) => string | undefined,
): string[] {
  if (typeof value === 'string') return [checked(value, path, check)];
  if (!Array.isArray(value)) throw new PolicyGrammarError(path, `must be a string or a list of strings, not ${describe(value)}`);
  if (value.length === 0) throw new PolicyGrammarError(path, 'must not be an empty list');
  return value.map((item, i) => checked(readString(item, indexPath(path, i)), indexPath(path, i), check));
}

function checked(item: string, path: string, check: (item: string) => string | undefined): string {
  const reason = check(item);
  if (reason !== undefined) throw new PolicyGrammarError(path, `${quote(item)} ${reason}`);
  return item;
}

/**
 * Refuses any element not in `allowed`. `refusals` gives a specific reason for names that are known
 * but not accepted here (e.g. `NotResource`), so the message says why instead of "unknown".
 */
export function rejectUnknownElements(
  object: JsonObject,
  path: string,
  allowed: readonly string[],
  refusals: Readonly<Record<string, string>> = {},
): void {
  for (const key of object.keys()) {
    if (allowed.includes(key)) continue;
    const refusal = Object.prototype.hasOwnProperty.call(refusals, key) ? refusals[key] : undefined;
    const reason = refusal ?? `unknown element ${quote(key)}${didYouMean(key, allowed)}`;
    throw new PolicyGrammarError(childPath(path, key), reason);
  }
}
