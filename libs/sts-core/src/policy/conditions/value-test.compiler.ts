import { compileWildcard, hasWildcard } from '../matching/wildcard.matcher';
import { ipInBlock, parseIpAddress, parseIpBlock, type IpBlock } from '../matching/ip-address';
import type { Comparison, OperatorSpec } from './condition-operators';
import { parseBool, parseDate, parseNumber } from './condition-values';

/**
 * Compiles the value list of one condition key into a test answering "does this one request value
 * match any of the policy values?" in the positive sense of the operator; negation and multi-valued
 * keys are handled one level up (condition.compiler.ts). A request value that is not a valid number,
 * date, boolean or IP never matches.
 */
export type ValueTest = (requestValue: string) => boolean;

export function compileValueTest(spec: OperatorSpec, values: readonly string[]): ValueTest {
  switch (spec.type) {
    case 'string':
      return values.length === 1 ? equalTo(values[0]) : oneOf(new Set(values));
    case 'stringIgnoreCase': {
      const set = new Set(values.map(foldCase));
      return (v) => set.has(foldCase(v));
    }
    case 'glob':
      return globTest(values);
    case 'numeric':
      return numeric(values, spec.comparison);
    case 'date':
      return ordered(values.map(parseDate), parseDate, spec.comparison);
    case 'bool': {
      const accepted = new Set(values.map(parseBool));
      return (v) => accepted.has(parseBool(v));
    }
    case 'ip': {
      const blocks = values.map(parseIpBlock).filter((b): b is IpBlock => b !== undefined);
      return (v) => {
        const address = parseIpAddress(v);
        return address !== undefined && blocks.some((b) => ipInBlock(address, b));
      };
    }
    default: {
      const unreachable: never = spec.type;
      return unreachable;
    }
  }
}

const equalTo = (expected: string): ValueTest => (v) => v === expected;
const oneOf = (set: ReadonlySet<string>): ValueTest => (v) => set.has(v);

function globTest(patterns: readonly string[]): ValueTest {
  const literals = new Set(patterns.filter((p) => !hasWildcard(p)));
  const globs = patterns.filter(hasWildcard).map(compileWildcard);
  return (v) => literals.has(v) || globs.some((g) => g.matches(v));
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Numbers as `ordered` compares them, except two integers, which are compared exactly: doubles
 * stop telling integers apart above 2^53 (9007199254740993 would equal 9007199254740992).
 */
function numeric(texts: readonly string[], comparison: Comparison): ValueTest {
  const compare = COMPARE[comparison] as unknown as (request: number | bigint, policy: number | bigint) => boolean;
  const policy = texts.map((t) => ({ n: parseNumber(t), big: INTEGER.test(t) ? BigInt(t) : undefined }));
  return (v) => {
    const n = parseNumber(v);
    if (Number.isNaN(n)) return false;
    const big = INTEGER.test(v) ? BigInt(v) : undefined;
    return policy.some((p) => (big !== undefined && p.big !== undefined ? compare(big, p.big) : compare(n, p.n)));
  };
}

function ordered(policyValues: readonly number[], parse: (text: string) => number, comparison: Comparison): ValueTest {
  const compare = COMPARE[comparison];
  return (v) => {
    const request = parse(v);
    if (Number.isNaN(request)) return false;
    for (const p of policyValues) if (compare(request, p)) return true;
    return false;
  };
}

/** request `<op>` policy, the standard direction (ram-policy.md §4.1). */
const COMPARE: Readonly<Record<Comparison, (request: number, policy: number) => boolean>> = {
  eq: (r, p) => r === p,
  lt: (r, p) => r < p,
  le: (r, p) => r <= p,
  gt: (r, p) => r > p,
  ge: (r, p) => r >= p,
};

/**
 * Case folding for the *IgnoreCase operators. toLowerCase alone depends on context (Greek final
 * sigma: "ΑΣ" lowers to "ας", while "ασ" stays), so equal words could compare unequal. Upper first,
 * then lower, maps every case variant of a letter to one form.
 */
export const foldCase = (s: string): string => s.toUpperCase().toLowerCase();
