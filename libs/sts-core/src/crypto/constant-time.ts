import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A per-process key, so an attacker can neither predict the digests nor steer them towards a
 * prefix that a non-constant-time comparison would reveal.
 */
const COMPARISON_KEY = randomBytes(32);

const digest = (value: string | Uint8Array): Buffer => createHmac('sha256', COMPARISON_KEY).update(value).digest();

/**
 * Equality of two secrets (signatures, secrets, tokens) in time independent of where they differ
 * and of their lengths: `timingSafeEqual` alone throws on a length mismatch, and an early
 * `a.length !== b.length` return tells the attacker the expected length. Both sides are HMACed to
 * 32 bytes first. Strings are compared as their UTF-8 bytes.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
