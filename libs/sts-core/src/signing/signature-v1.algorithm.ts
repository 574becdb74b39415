/**
 * Signature V1 — RPC HMAC-SHA1 (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`; Alibaba's docs
 * call it "V2"). openapi-signing.md §2.
 */
import { createHmac } from 'node:crypto';
import { sortPairs } from './canonical.builder';
import { percentEncode, percentEncodeTwice } from './percent.encoder';
import type { ParamPair } from './signing.types';

export const V1_SIGNATURE_METHOD = 'HMAC-SHA1';
export const V1_SIGNATURE_VERSION = '1.0';

/**
 * `METHOD&enc(path)&enc(CanonicalizedQueryString)`. The spec's constant `%2F` is `enc('/')`, the
 * only path RPC clients use; taking the real path means a request replayed to another path no
 * longer verifies. Built in one pass: each name and value is encoded twice directly instead of
 * building the canonical query and encoding it again.
 */
export function v1StringToSign(method: string, canonicalUri: string, pairs: readonly ParamPair[]): string {
  const sorted = sortPairs(pairs);
  let out = method + '&' + percentEncode(canonicalUri) + '&';
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) out += '%26';
    out += percentEncodeTwice(sorted[i][0]) + '%3D' + percentEncodeTwice(sorted[i][1]);
  }
  return out;
}

/** Base64 HMAC-SHA1 keyed with `secret + '&'` (the ampersand is part of every SDK's key). */
export function v1Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', accessKeySecret + '&').update(stringToSign, 'utf8').digest('base64');
}
