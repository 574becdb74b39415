import type { ParamPair } from '@opensts/sts-core/signing';

/** Why a `name=value&…` string could not be decoded; the reader turns it into an error envelope. */
export type DecodeProblem =
  | { readonly problem: 'Malformed' }
  | { readonly problem: 'NulCharacter' }
  | { readonly problem: 'TooManyParameters' }
  | { readonly problem: 'ValueTooLong'; readonly name: string };

export interface DecodeLimits {
  readonly maxParameters: number;
  readonly maxParameterChars: number;
}

/**
 * Strict percent-decoding of a URL query or a form body, both the form way: a raw `+` is a space.
 * The Python, Go and Java SDKs build their query strings with form encoders (`urlencode`,
 * `url.Values.Encode`, `URLEncoder.encode`) that write a space as `+` but sign it as `%20`; every
 * official SDK writes a plus as `%2B` (ADR 0009, corrected 2026-11-29). Malformed escapes and bytes that are not UTF-8 are refused rather than passed through: the
 * signature must cover exactly the characters the handler acts on. So is a NUL character, raw or
 * `%00`: no action takes one, and PostgreSQL's text types cannot store it, so one in a nonce or a
 * recorded parameter would fail a whole group commit (every request in it) or stall the audit
 * trail on a record it can never insert. Pairs stay in wire order and duplicates are kept for the
 * signature parser to refuse.
 */
export function decodeParameterString(
  text: string,
  limits: DecodeLimits,
  into: ParamPair[] = [],
): ParamPair[] | DecodeProblem {
  let start = 0;
  const end = text.length;
  while (start <= end) {
    let amp = text.indexOf('&', start);
    if (amp === -1) amp = end;
    if (amp > start) {
      if (into.length >= limits.maxParameters) return { problem: 'TooManyParameters' };
      const eq = text.indexOf('=', start);
      const split = eq === -1 || eq > amp ? amp : eq;
      const name = decodeComponent(text.slice(start, split));
      const value = split === amp ? '' : decodeComponent(text.slice(split + 1, amp));
      if (name === undefined || value === undefined) return { problem: 'Malformed' };
      if (name.includes('\0') || value.includes('\0')) return { problem: 'NulCharacter' };
      if (value.length > limits.maxParameterChars) return { problem: 'ValueTooLong', name };
      into.push([name, value]);
    }
    start = amp + 1;
  }
  return into;
}

function decodeComponent(raw: string): string | undefined {
  const text = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // `%ZZ`, a truncated escape, or bytes that are not UTF-8
  }
}
