import { parseIpBlock } from '../matching/ip-address';
import type { ValueType } from './condition-operators';

/**
 * Parsers for typed condition values, shared by the grammar check (policy side) and the evaluator
 * (request side) so both agree on what a number, a date or a boolean is. They are strict on purpose:
 * `Number(" 0x10 ")` is 16 and `Date.parse("2024")` is a date, which would make a condition mean
 * something its author never wrote.
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|([+-])(\d{2}):?(\d{2}))?)?$/;

export function parseNumber(text: string): number {
  if (!NUMBER.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/** ISO-8601 date or date-time to epoch milliseconds; a missing zone means UTC. NaN when invalid. */
export function parseDate(text: string): number {
  const m = DATE.exec(text);
  if (!m) return NaN;
  const n = (group: number): number => (m[group] === undefined ? 0 : Number(m[group]));
  const [year, month, day, hour, minute, second] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN;
  // setUTCFullYear, because Date.UTC maps years 0-99 to 1900-1999
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCDate() !== day) return NaN;
  const utc = date.getTime();
  if (m[9] === undefined) return utc;
  const offsetHours = Number(m[10]);
  const offsetMinutes = Number(m[11]);
  if (offsetHours > 23 || offsetMinutes > 59) return NaN;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return m[9] === '+' ? utc - offset : utc + offset;
}

/** `true` / `false`, any case; undefined for anything else. */
export function parseBool(text: string): boolean | undefined {
  if (text.length === 4 && text.toLowerCase() === 'true') return true;
  if (text.length === 5 && text.toLowerCase() === 'false') return false;
  return undefined;
}

/** Why a policy value is unusable for its operator, or undefined when it is fine. */
export function invalidValueReason(type: ValueType, value: string): string | undefined {
  switch (type) {
    case 'string':
    case 'stringIgnoreCase':
    case 'glob':
      return undefined;
    case 'numeric':
      return Number.isNaN(parseNumber(value)) ? 'is not a number' : undefined;
    case 'date':
      return Number.isNaN(parseDate(value)) ? 'is not an ISO-8601 date-time' : undefined;
    case 'bool':
      return parseBool(value) === undefined ? 'is not "true" or "false"' : undefined;
    case 'ip':
      return parseIpBlock(value) === undefined ? 'is not an IPv4/IPv6 address or CIDR block' : undefined;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}
