/**
 * Strict base64url (RFC 4648 §5, no padding). Node's decoder is lenient: it skips unknown
 * characters, accepts `+` and `/` as well as `-` and `_`, and ignores the unused low bits of the
 * last character, so several strings decode to the same bytes. Anything authenticated and
 * compared as a string (tokens, sealed secrets) must have exactly one spelling.
 */
const ALPHABET = /^[A-Za-z0-9_-]*$/;

const SIX_BIT_VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  .split('')
  .forEach((ch, i) => (SIX_BIT_VALUE[ch.charCodeAt(0)] = i));

/** Unused low bits of the last character, by `length % 4` (1 is never valid). */
const UNUSED_BITS_MASK = [0, -1, 0x0f, 0x03];

export function decodeBase64Url(text: string): Buffer | undefined {
  const remainder = text.length % 4;
  if (remainder === 1 || !ALPHABET.test(text)) return undefined;
  if (remainder !== 0 && (SIX_BIT_VALUE[text.charCodeAt(text.length - 1)] & UNUSED_BITS_MASK[remainder]) !== 0) {
    return undefined;
  }
  return Buffer.from(text, 'base64url');
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
