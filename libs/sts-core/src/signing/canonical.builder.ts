import { percentEncode } from './percent.encoder';
import type { ParamPair } from './signing.types';

/**
 * Orders strings by Unicode code point, which is the byte order of their UTF-8 encodings. Plain
 * `<` compares UTF-16 code units and would put astral characters (surrogates, U+D800…) before
 * U+E000–U+FFFF; the fix-up maps surrogates above that range. Identical to `<` for ASCII names.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

const byName = (a: ParamPair, b: ParamPair): number => compareCodePoints(a[0], b[0]);

/** A sorted copy; names are unique on the server (duplicates are refused while parsing). */
export function sortPairs(pairs: readonly ParamPair[]): ParamPair[] {
  return pairs.length < 2 ? pairs.slice() : pairs.slice().sort(byName);
}

/** V3 CanonicalQueryString: sorted `enc(name)=enc(value)` joined with `&`; empty for no query. */
export function canonicalQueryString(pairs: readonly ParamPair[]): string {
  const sorted = sortPairs(pairs);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) out += '&';
    out += percentEncode(sorted[i][0]) + '=' + percentEncode(sorted[i][1]);
  }
  return out;
}

/**
 * CanonicalURI from the raw request path: each segment decoded and strictly re-encoded, `/` kept,
 * so `/a*b` and `/a%2ab` sign alike. `undefined` when a segment is not valid percent-encoded UTF-8.
 */
export function canonicalUri(rawPath: string): string | undefined {
  if (rawPath === '/') return rawPath;
  const segments = rawPath.split('/');
  try {
    for (let i = 0; i < segments.length; i++) segments[i] = percentEncode(decodeURIComponent(segments[i]));
  } catch {
    return undefined;
  }
  return segments.join('/');
}
