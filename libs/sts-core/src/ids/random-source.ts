import { randomFillSync } from 'node:crypto';

/**
 * Unbiased random characters from the CSPRNG. Bytes come from a pooled buffer because one
 * `randomFillSync` per id costs more than the id (request ids are minted per HTTP request); each
 * pooled byte is used once and wiped, so the pool never holds a byte that went into a secret.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

function nextByte(): number {
  if (offset === POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const byte = pool[offset];
  pool[offset++] = 0;
  return byte;
}

/**
 * `length` fresh random bytes from the same pool (each used once and wiped). For values that must
 * be unique and unpredictable but are not themselves secret, such as a SecurityToken's GCM nonce,
 * which travels in the token: one `randomBytes(12)` per AssumeRole cost ~4 % of `npm start`'s CPU
 * (bench/RESULTS.md, gateway).
 */
export function pooledRandomBytes(length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = nextByte();
  return out;
}

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Rejection sampling on 6 bits: values 62 and 63 are redrawn, so every character is 1/62. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const sixBits = nextByte() & 63;
    if (sixBits < 62) out += BASE62_ALPHABET[sixBits];
  }
  return out;
}

/** `value` (a non-negative integer) in exactly `width` base62 digits, most significant first: sorts as the number does. */
export function base62Fixed(value: number, width: number): string {
  let out = '';
  for (let v = Math.floor(value), i = 0; i < width; i++, v = Math.floor(v / 62)) out = BASE62_ALPHABET[v % 62] + out;
  return out;
}

/** A byte below 250 maps uniformly onto 0–9 (250 = 25 × 10); the other six are redrawn. */
function randomDigit(): number {
  for (;;) {
    const byte = nextByte();
    if (byte < 250) return byte % 10;
  }
}

/** Uniform over 1–9 (252 = 28 × 9). */
function randomNonZeroDigit(): number {
  for (;;) {
    const byte = nextByte();
    if (byte < 252) return 1 + (byte % 9);
  }
}

/** Decimal string of `length` digits whose first digit is not 0, so it never loses a digit as a number. */
export function randomDecimal(length: number): string {
  let out = String(randomNonZeroDigit());
  while (out.length < length) out += randomDigit();
  return out;
}

/** Uniform integer in [min, max] for small ranges (max - min < 256). */
export function randomIntInclusive(min: number, max: number): number {
  const span = max - min + 1;
  const limit = 256 - (256 % span);
  for (;;) {
    const byte = nextByte();
    if (byte < limit) return min + (byte % span);
  }
}
