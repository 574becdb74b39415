import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { derivedKeyId, loadMasterKeyRing, loadTokenKeyRing } from './key-rings';

describe('key rings from configuration', () => {
  const key = () => randomBytes(32).toString('base64');

  it('derives a token key per master key, the active one following the master ring', () => {
    const cfg = loadConfig({ STS_MODE: 'distributed', STS_MASTER_KEY: `k2:${key()},k1:${key()}` });
    const sut = loadTokenKeyRing(cfg);
    expect(sut.keyIds.sort()).toEqual(['m-k1', 'm-k2']);
    expect(sut.activeKeyId).toBe('m-k2');
  });

  it('keeps derived ids valid for master key ids of the maximum length', () => {
    const longId = 'a'.repeat(32);
    const cfg = loadConfig({ STS_MODE: 'distributed', STS_MASTER_KEY: `${longId}:${key()}` });
    expect(loadTokenKeyRing(cfg).activeKeyId).toBe(derivedKeyId(longId));
    expect(derivedKeyId(longId).length).toBeLessThanOrEqual(32);
  });

  it('refuses to start distributed without a master key, naming the variable', () => {
    expect(() => loadMasterKeyRing(loadConfig({ STS_MODE: 'distributed' }))).toThrow(/STS_MASTER_KEY/);
  });

  it('names STS_TOKEN_KEYS when it is malformed, without quoting it', () => {
    const cfg = loadConfig({ STS_MODE: 'distributed', STS_MASTER_KEY: key(), STS_TOKEN_KEYS: 'k1:not-a-key' });
    expect(() => loadTokenKeyRing(cfg)).toThrow(/^Invalid configuration: STS_TOKEN_KEYS: (?!.*not-a-key)/);
  });
});
