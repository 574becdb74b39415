import { timingSafeEqual } from 'node:crypto';
import { Errors } from '../errors';
import { canonicalQueryString } from './canonical.builder';
import { v1Signature, v1StringToSign } from './signature-v1.algorithm';
import { v3CanonicalRequest, v3Signature, v3StringToSign } from './signature-v3.algorithm';
import type { ParsedSignedRequest, VerifyResult } from './signing.types';

/**
 * Constant-time string equality. The expected value is a fixed-length MAC encoding, so its length
 * is public; on a length mismatch a same-length comparison still runs and `false` is returned.
 * UTF-8 (not latin1) so that no non-ASCII character can collapse onto an expected byte.
 */
export function constantTimeEquals(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** The StringToSign the server computes for a parsed request; secret-free. */
export function serverStringToSign(request: ParsedSignedRequest): string {
  if (request.scheme === 'v1') {
    const m = request.material;
    return v1StringToSign(m.method, m.canonicalUri, m.pairs);
  }
  const m = request.material;
  return v3StringToSign(v3CanonicalRequest({ ...m, canonicalQuery: canonicalQueryString(m.query) }));
}

/**
 * Step 2 of verification: recompute with the secret the caller resolved (long-term key from the
 * read model, or the one inside a decrypted SecurityToken) and compare in constant time. Pure; the
 * timestamp window and the nonce are `authenticateRequest`'s business.
 */
export function verifySignature(request: ParsedSignedRequest, accessKeySecret: string): VerifyResult {
  const stringToSign = serverStringToSign(request);
  const expected =
    request.scheme === 'v1' ? v1Signature(stringToSign, accessKeySecret) : v3Signature(stringToSign, accessKeySecret);
  if (constantTimeEquals(expected, request.material.signature)) return { ok: true };
  return { ok: false, reason: 'SignatureMismatch', error: Errors.signatureDoesNotMatch(shownStringToSign(request, stringToSign)), stringToSign };
}

/** Shown in place of a SecurityToken's value in the StringToSign of an error message. */
export const REDACTED_TOKEN = '<SecurityToken>';

/**
 * The StringToSign as the error message shows it: a V1 one spells out every parameter, the
 * SecurityToken (a valid one: it verified before the signature is checked) included, and error
 * messages carry no credential, so its value is replaced there. V3 signs a digest of the request.
 */
function shownStringToSign(request: ParsedSignedRequest, stringToSign: string): string {
  if (request.scheme !== 'v1' || !request.material.pairs.some(([name]) => name === 'SecurityToken')) return stringToSign;
  const m = request.material;
  return v1StringToSign(m.method, m.canonicalUri, m.pairs.map(([name, value]) => [name, name === 'SecurityToken' ? REDACTED_TOKEN : value] as const));
}
