/**
 * RFC 3986 strict percent-encoding as Alibaba OpenAPI signs it: only `A-Z a-z 0-9 - _ . ~` stay
 * literal, every other UTF-8 byte becomes `%XY` with uppercase hex (space is `%20`, `*` is `%2A`).
 *
 * Hand-rolled rather than `encodeURIComponent` + five replaces: it runs for every name and value
 * of every request on the gateway, the all-unreserved case returns the input untouched, and
 * lone surrogates become U+FFFD (as `Buffer.from` does) instead of throwing a URIError.
 */
import type { ParamPair } from './signing.types';

const HEX = '0123456789ABCDEF';
const UNRESERVED = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') {
  UNRESERVED[ch.charCodeAt(0)] = 1;
}

const byteTable = (prefix: string): readonly string[] =>
  Array.from({ length: 256 }, (_, b) => prefix + HEX[b >> 4] + HEX[b & 15]);

const ONCE = byteTable('%');
/** `enc(enc(x))`: the once-encoded form only adds `%XY`, so encoding it again only turns `%` into `%25`. */
const TWICE = byteTable('%25');

function encodeWith(s: string, table: readonly string[]): string {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 128 || UNRESERVED[c] === 0) break;
    i++;
  }
  if (i === n) return s;

  let out = s.slice(0, i);
  let runStart = i;
  for (; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 128 && UNRESERVED[c] === 1) continue;
    if (runStart < i) out += s.slice(runStart, i);
    runStart = i + 1;
    if (c < 0x80) {
      out += table[c];
    } else if (c < 0x800) {
      out += table[0xc0 | (c >> 6)] + table[0x80 | (c & 63)];
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out += table[0xf0 | (c >> 18)] + table[0x80 | ((c >> 12) & 63)] + table[0x80 | ((c >> 6) & 63)] + table[0x80 | (c & 63)];
        i++;
        runStart = i + 1;
      } else {
        out += table[0xef] + table[0xbf] + table[0xbd];
      }
    } else {
      out += table[0xe0 | (c >> 12)] + table[0x80 | ((c >> 6) & 63)] + table[0x80 | (c & 63)];
    }
  }
  if (runStart < n) out += s.slice(runStart);
  return out;
}

/** RFC 3986 strict encoding of `s` (UTF-8, uppercase hex). */
export function percentEncode(s: string): string {
  return encodeWith(s, ONCE);
}

/** `percentEncode(percentEncode(s))` in one pass; the V1 StringToSign encodes the canonical query twice. */
export function percentEncodeTwice(s: string): string {
  return encodeWith(s, TWICE);
}

/**
 * `name=value&…` with both sides strictly encoded, in the given order: a URL query or an
 * `application/x-www-form-urlencoded` body that any decoder turns back into the same pairs.
 */
export function toQueryString(params: readonly ParamPair[] | Readonly<Record<string, string>>): string {
  const pairs = Array.isArray(params) ? (params as readonly ParamPair[]) : Object.entries(params);
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0) out += '&';
    out += percentEncode(pairs[i][0]) + '=' + percentEncode(pairs[i][1]);
  }
  return out;
}
