import { createSecretKey, randomBytes } from 'node:crypto';
import { deriveTemporarySecret, TEMPORARY_SECRET_LENGTH } from './temporary-secret';

describe(deriveTemporarySecret.name, () => {
  const sut = deriveTemporarySecret;
  const key = createSecretKey(randomBytes(32));
  const nonce = randomBytes(12);
  const akid = 'STS.L4aBSCSJVMuKg5U1xxxxAbCd';

  it('is deterministic and base62 of the fixed length', () => {
    const secret = sut(key, nonce, akid);
    expect(secret).toMatch(new RegExp(`^[0-9A-Za-z]{${TEMPORARY_SECRET_LENGTH}}$`));
    expect(sut(key, nonce, akid)).toBe(secret);
  });

  it('changes with the key, the nonce and the AccessKeyId', () => {
    const secret = sut(key, nonce, akid);
    expect(sut(createSecretKey(randomBytes(32)), nonce, akid)).not.toBe(secret);
    expect(sut(key, randomBytes(12), akid)).not.toBe(secret);
    expect(sut(key, nonce, `${akid}x`)).not.toBe(secret);
  });
});
