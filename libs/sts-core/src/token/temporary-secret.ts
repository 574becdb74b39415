import { createHmac, KeyObject } from 'node:crypto';
import { BASE62_ALPHABET } from '../ids';

export const TEMPORARY_SECRET_LENGTH = 40;

const INFO_LABEL = Buffer.from('opensts/v1/secret\0', 'utf8');
/** A local copy: compiled CommonJS re-exports are getters, and this is read 40 times per token. */
const ALPHABET: string = BASE62_ALPHABET;

/**
 * The temporary AccessKeySecret of a token, recomputed by every verifier instead of stored:
 * HKDF-Expand with HMAC-SHA512 (RFC 5869 §2.3), PRK = the key's secret-derivation subkey (already
 * uniform, so Extract is skipped), info = label ‖ token nonce ‖ AccessKeyId. One SHA-512 block
 * gives 64 bytes; 6-bit rejection sampling turns them into 40 unbiased base62 characters
 * (≈ 238 bits). Running out of bytes needs 25 of 64 rejections (p < 1e-20) but is still handled,
 * by expanding further blocks.
 */
export function deriveTemporarySecret(secretKey: KeyObject, nonce: Uint8Array, accessKeyId: string): string {
  const info = Buffer.concat([INFO_LABEL, nonce, Buffer.from(accessKeyId, 'utf8')]);
  let out = '';
  let previous: Buffer = Buffer.alloc(0);
  for (let counter = 1; out.length < TEMPORARY_SECRET_LENGTH; counter++) {
    const block = createHmac('sha512', secretKey).update(previous).update(info).update(Buffer.of(counter)).digest();
    for (let i = 0; i < block.length && out.length < TEMPORARY_SECRET_LENGTH; i++) {
      const sixBits = block[i] & 63;
      if (sixBits < 62) out += ALPHABET[sixBits];
    }
    previous = block;
  }
  return out;
}
