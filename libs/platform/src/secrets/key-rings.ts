import { createHash, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KeyRing, parseKeyRing } from '@opensts/sts-core/crypto';
import type { AppConfig } from '../config';
import { ConfigError } from '../config';

/**
 * The master key ring seals secrets at rest (AccessKey secrets in the directory, their copies in
 * read models and events). Sources, first found wins: STS_MASTER_KEY (a ring spec,
 * `k2:<b64>,k1:<b64>`), STS_MASTER_KEY_FILE, and only in embedded mode a key generated on first
 * start at <STS_DATA_DIR>/master.key (0600). Distributed mode must be given one: every process
 * that seals or opens secrets needs the same ring.
 */
export function loadMasterKeyRing(cfg: AppConfig): KeyRing {
  try {
    if (cfg.STS_MASTER_KEY) return parseKeyRing(cfg.STS_MASTER_KEY);
    if (cfg.STS_MASTER_KEY_FILE) return parseKeyRing(`file:${cfg.STS_MASTER_KEY_FILE}`);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${cfg.STS_MASTER_KEY ? 'STS_MASTER_KEY' : 'STS_MASTER_KEY_FILE'}: ${(err as Error).message}`);
  }
  if (cfg.STS_MODE === 'distributed') {
    throw new ConfigError('Invalid configuration: STS_MASTER_KEY: required in distributed mode (or STS_MASTER_KEY_FILE)');
  }
  const dir = resolve(cfg.STS_DATA_DIR);
  const file = join(dir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return parseKeyRing(`file:${file}`);
}

/**
 * The SecurityToken key ring: STS_TOKEN_KEYS when set, else derived key by key from the master
 * ring with HKDF (a key is never used for two purposes), so a single secret configures a fresh
 * install. Rotation procedure: docs/security-token-format.md.
 */
export function loadTokenKeyRing(cfg: AppConfig, master: KeyRing = loadMasterKeyRing(cfg)): KeyRing {
  if (cfg.STS_TOKEN_KEYS) {
    try {
      return parseKeyRing(cfg.STS_TOKEN_KEYS);
    } catch (err) {
      throw new ConfigError(`Invalid configuration: STS_TOKEN_KEYS: ${(err as Error).message}`);
    }
  }
  const derive = (id: string) =>
    createSecretKey(Buffer.from(hkdfSync('sha256', master.get(id)!, Buffer.alloc(0), 'opensts/token-key-ring/v1', 32)));
  return new KeyRing(master.keyIds.map((id) => ({ id: derivedKeyId(id), key: derive(id) })), derivedKeyId(master.activeKeyId));
}

/** `m-<master key id>`, kept within the 32 characters a key id may have (long ids by digest). */
export function derivedKeyId(masterKeyId: string): string {
  return masterKeyId.length <= 30 ? `m-${masterKeyId}` : `m-${createHash('sha256').update(masterKeyId).digest('hex').slice(0, 30)}`;
}
