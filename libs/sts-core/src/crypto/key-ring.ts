import { createSecretKey, KeyObject } from 'node:crypto';

export class KeyRingError extends Error {
  override readonly name = 'KeyRingError';
}

export interface KeyRingEntry {
  readonly id: string;
  /** A KeyObject rather than bytes: it cannot end up in a log line or a JSON dump by accident. */
  readonly key: KeyObject;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
export const KEY_LENGTH = 32;

/**
 * Named 32-byte keys of which one is active. The active key encrypts; every key decrypts, which
 * is what makes rotation a configuration change: add a key, make it active, drop the old one
 * once nothing sealed under it is left.
 */
export class KeyRing {
  private readonly keys: ReadonlyMap<string, KeyObject>;

  constructor(entries: Iterable<{ readonly id: string; readonly key: Uint8Array | KeyObject }>, readonly activeKeyId: string) {
    const keys = new Map<string, KeyObject>();
    let n = 0;
    for (const { id, key } of entries) {
      n++;
      // not quoted: an id that is not one is likely key material (two keys joined with `:`, not `,`)
      if (!KEY_ID_PATTERN.test(id)) throw new KeyRingError(`key number ${n} of the ring has an id that does not match ${KEY_ID_PATTERN}`);
      if (keys.has(id)) throw new KeyRingError(`duplicate key id ${id}`);
      const object = key instanceof KeyObject ? key : createSecretKey(key);
      if (object.type !== 'secret' || object.symmetricKeySize !== KEY_LENGTH) {
        throw new KeyRingError(`key ${id} must be ${KEY_LENGTH} bytes`);
      }
      keys.set(id, object);
    }
    if (!keys.has(activeKeyId)) throw new KeyRingError(`active key id ${JSON.stringify(activeKeyId)} is not in the ring`);
    this.keys = keys;
  }

  get active(): KeyRingEntry {
    return { id: this.activeKeyId, key: this.keys.get(this.activeKeyId)! };
  }

  get(id: string): KeyObject | undefined {
    return this.keys.get(id);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  entries(): KeyRingEntry[] {
    return [...this.keys].map(([id, key]) => ({ id, key }));
  }

  /** Rotation: a ring whose active key is `id`, adding `key` under that id if it is new. */
  withActiveKey(id: string, key?: Uint8Array | KeyObject): KeyRing {
    const entries: { id: string; key: Uint8Array | KeyObject }[] = this.entries();
    if (key !== undefined) entries.push({ id, key });
    return new KeyRing(entries, id);
  }

  /** Retirement: drop a key once nothing sealed under it is still needed. */
  withoutKey(id: string): KeyRing {
    if (id === this.activeKeyId) throw new KeyRingError('the active key cannot be removed');
    return new KeyRing(
      this.entries().filter((entry) => entry.id !== id),
      this.activeKeyId,
    );
  }
}
