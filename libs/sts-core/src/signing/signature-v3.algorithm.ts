/** Signature V3 — `ACS3-HMAC-SHA256` over a canonical request. openapi-signing.md §4. */
import { createHash, createHmac } from 'node:crypto';
import { canonicalQueryString, compareCodePoints } from './canonical.builder';
import type { ParamPair } from './signing.types';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Headers the doc says a client signs and a server insists on: host, content-type, every x-acs-*. */
export function isSignableHeader(lowercaseName: string): boolean {
  return lowercaseName === 'host' || lowercaseName === 'content-type' || lowercaseName.startsWith('x-acs-');
}

/** Trimmed value; a repeated header's values sorted and joined with `,` as the Tea SDK does. */
export function canonicalHeaderValue(value: string | readonly string[]): string {
  if (typeof value === 'string') return value.trim();
  if (value.length === 1) return value[0].trim();
  return value.map((v) => v.trim()).sort(compareCodePoints).join(',');
}

export interface V3CanonicalParts {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  /** Sorted lowercase names; `headerValues[i]` belongs to `signedHeaders[i]`. */
  readonly signedHeaders: readonly string[];
  readonly headerValues: readonly string[];
  readonly signedHeadersList: string;
  readonly hashedPayload: string;
}

export function v3CanonicalRequest(p: V3CanonicalParts): string {
  let headers = '';
  for (let i = 0; i < p.signedHeaders.length; i++) headers += p.signedHeaders[i] + ':' + p.headerValues[i] + '\n';
  return `${p.method}\n${p.canonicalUri}\n${p.canonicalQuery}\n${headers}\n${p.signedHeadersList}\n${p.hashedPayload}`;
}

export function v3StringToSign(canonicalRequest: string): string {
  return V3_ALGORITHM + '\n' + sha256Hex(canonicalRequest);
}

/** Lowercase hex HMAC-SHA256 keyed with the bare secret (no `&`, unlike V1). */
export function v3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

export interface V3SignatureInput {
  readonly method: string;
  /** Used verbatim (already canonical), e.g. `/`. */
  readonly canonicalUri: string;
  readonly query: readonly ParamPair[];
  /** Any case; repeated names allowed. Only host, content-type and x-acs-* are signed. */
  readonly headers: readonly ParamPair[];
  readonly hashedPayload: string;
}

export interface V3SignatureOutput {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeadersList: string;
  readonly signature: string;
}

/** Client-side computation, the way the Tea SDK picks and groups headers. */
export function computeV3Signature(input: V3SignatureInput, accessKeySecret: string): V3SignatureOutput {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of input.headers) {
    const lower = name.toLowerCase();
    if (!isSignableHeader(lower)) continue;
    const values = grouped.get(lower);
    if (values) values.push(value);
    else grouped.set(lower, [value]);
  }
  const signedHeaders = [...grouped.keys()].sort(compareCodePoints);
  const signedHeadersList = signedHeaders.join(';');
  const canonicalRequest = v3CanonicalRequest({
    method: input.method,
    canonicalUri: input.canonicalUri,
    canonicalQuery: canonicalQueryString(input.query),
    signedHeaders,
    headerValues: signedHeaders.map((name) => canonicalHeaderValue(grouped.get(name)!)),
    signedHeadersList,
    hashedPayload: input.hashedPayload,
  });
  const stringToSign = v3StringToSign(canonicalRequest);
  return { canonicalRequest, stringToSign, signedHeadersList, signature: v3Signature(stringToSign, accessKeySecret) };
}
