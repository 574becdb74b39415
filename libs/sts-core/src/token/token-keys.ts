import { createSecretKey, hkdfSync, KeyObject } from 'node:crypto';
import type { KeyRing } from '../crypto';

/** The per-key material a codec needs, derived once when the ring is loaded. */
export interface TokenKey {
  readonly id: string;
  /** Token header prefix: version ‖ kid length ‖ kid. */
  readonly header: Buffer;
  readonly encryptionKey: KeyObject;
  readonly secretKey: KeyObject;
}

const subkey = (master: KeyObject, purpose: string): KeyObject =>
  createSecretKey(Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `opensts/security-token/v1/${purpose}`, 32)));

/**
 * Token keys by id. Each configured key is split by HKDF-SHA256 into an AES-256-GCM key and a
 * secret-derivation key, so no key is ever used by two algorithms. Node cannot reuse an AES key
 * schedule across ciphers, so the precomputation stops at KeyObjects (no copy of raw bytes per
 * token).
 */
export class TokenKeys {
  readonly active: TokenKey;
  private readonly byId: ReadonlyMap<string, TokenKey>;

  constructor(ring: KeyRing, version: number) {
    this.byId = new Map(
      ring.entries().map(({ id, key }) => {
        const kid = Buffer.from(id, 'latin1');
        const header = Buffer.concat([Buffer.of(version, kid.length), kid]);
        return [id, { id, header, encryptionKey: subkey(key, 'encryption'), secretKey: subkey(key, 'secret-derivation') }];
      }),
    );
    this.active = this.byId.get(ring.activeKeyId)!;
  }

  get(id: string): TokenKey | undefined {
    return this.byId.get(id);
  }
}
