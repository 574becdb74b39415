import { createCipheriv, createDecipheriv, KeyObject, randomBytes } from 'node:crypto';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import type { KeyRing } from './key-ring';

/**
 * A secret sealed for storage or a Kafka event: AES-256-GCM under a fresh data key (`iv`, `ct`,
 * `tag`), the data key itself AES-256-GCM-wrapped by master key `kid` (`wk` = iv | key | tag).
 * Binary fields are base64url. `v` versions the layout.
 */
export interface SealedSecret {
  readonly v: 1;
  readonly kid: string;
  readonly wk: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

export type SecretBoxFailure = 'malformed' | 'unknown-key' | 'authentication-failed';

/** An internal fault (wrong owner, lost key, corrupt row): callers answer InternalError, never details. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';

  constructor(readonly reason: SecretBoxFailure) {
    super(`cannot open sealed secret: ${reason}`);
  }
}

const ALGORITHM = 'aes-256-gcm';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const DATA_KEY_LENGTH = 32;
const WRAPPED_KEY_LENGTH = IV_LENGTH + DATA_KEY_LENGTH + TAG_LENGTH;

/**
 * Associated data, length-prefixed so that no two (label, parts) tuples share an encoding. The
 * owner (e.g. the AccessKeyId) binds a sealed secret to its row: moved onto another row it fails
 * to open. The wrap also binds `kid`, so relabelling `kid` is detected.
 */
function associatedData(label: string, ...parts: string[]): Buffer {
  const chunks = [label, ...parts].map((part) => Buffer.from(part, 'utf8'));
  const out = Buffer.alloc(chunks.reduce((n, c) => n + 4 + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    at = out.writeUInt32BE(chunk.length, at);
    at += chunk.copy(out, at);
  }
  return out;
}

const dataAad = (owner: string) => associatedData('opensts/secret-box/v1/data', owner);
const wrapAad = (kid: string, owner: string) => associatedData('opensts/secret-box/v1/wrap', kid, owner);

function encrypt(key: KeyObject | Buffer, plaintext: Uint8Array, aad: Buffer) {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_LENGTH }).setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

function decrypt(key: KeyObject | Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_LENGTH }).setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new SecretBoxError('authentication-failed');
  }
}

/** Envelope encryption of secrets at rest (AccessKey secrets, IdP client secrets). */
export class SecretBox {
  constructor(private readonly ring: KeyRing) {}

  seal(plaintext: string | Uint8Array, owner: string): SealedSecret {
    const dataKey = randomBytes(DATA_KEY_LENGTH);
    try {
      const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
      const { iv, ct, tag } = encrypt(dataKey, bytes, dataAad(owner));
      return { v: 1, ...this.wrap(dataKey, owner), iv: encodeBase64Url(iv), ct: encodeBase64Url(ct), tag: encodeBase64Url(tag) };
    } finally {
      dataKey.fill(0);
    }
  }

  open(sealed: SealedSecret, owner: string): Buffer {
    const parts = decodeParts(sealed);
    const dataKey = this.unwrap(sealed.kid, parts.wk, owner);
    try {
      return decrypt(dataKey, parts.iv, parts.ct, parts.tag, dataAad(owner));
    } finally {
      dataKey.fill(0);
    }
  }

  openText(sealed: SealedSecret, owner: string): string {
    return this.open(sealed, owner).toString('utf8');
  }

  /** True when `rewrap` would change nothing; lets a background job find rows to migrate. */
  isSealedWithActiveKey(sealed: SealedSecret): boolean {
    return sealed.kid === this.ring.activeKeyId;
  }

  /** Re-wraps the data key under the active master key; the secret's ciphertext is untouched. */
  rewrap(sealed: SealedSecret, owner: string): SealedSecret {
    const parts = decodeParts(sealed);
    const dataKey = this.unwrap(sealed.kid, parts.wk, owner);
    try {
      return { ...sealed, ...this.wrap(dataKey, owner) };
    } finally {
      dataKey.fill(0);
    }
  }

  private wrap(dataKey: Buffer, owner: string): { kid: string; wk: string } {
    const { id, key } = this.ring.active;
    const wrapped = encrypt(key, dataKey, wrapAad(id, owner));
    return { kid: id, wk: encodeBase64Url(Buffer.concat([wrapped.iv, wrapped.ct, wrapped.tag])) };
  }

  private unwrap(kid: string, wk: Buffer, owner: string): Buffer {
    const key = this.ring.get(kid);
    if (key === undefined) throw new SecretBoxError('unknown-key');
    const iv = wk.subarray(0, IV_LENGTH);
    const ct = wk.subarray(IV_LENGTH, IV_LENGTH + DATA_KEY_LENGTH);
    return decrypt(key, iv, ct, wk.subarray(IV_LENGTH + DATA_KEY_LENGTH), wrapAad(kid, owner));
  }
}

interface DecodedParts {
  readonly wk: Buffer;
  readonly iv: Buffer;
  readonly ct: Buffer;
  readonly tag: Buffer;
}

function decodeParts(value: unknown): DecodedParts {
  const v = value as Partial<Record<keyof SealedSecret, unknown>> | null;
  if (typeof v !== 'object' || v === null || v.v !== 1 || typeof v.kid !== 'string') throw new SecretBoxError('malformed');
  const field = (text: unknown, length?: number): Buffer => {
    const bytes = typeof text === 'string' ? decodeBase64Url(text) : undefined;
    if (bytes === undefined || (length !== undefined && bytes.length !== length)) throw new SecretBoxError('malformed');
    return bytes;
  };
  return { wk: field(v.wk, WRAPPED_KEY_LENGTH), iv: field(v.iv, IV_LENGTH), ct: field(v.ct), tag: field(v.tag, TAG_LENGTH) };
}

/** Validates a value read from a database column or a Kafka event before it is trusted as a SealedSecret. */
export function parseSealedSecret(value: unknown): SealedSecret {
  decodeParts(value);
  const { kid, wk, iv, ct, tag } = value as SealedSecret;
  return { v: 1, kid, wk, iv, ct, tag };
}
