import { randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';
import { parseSealedSecret, SealedSecret, SecretBox, SecretBoxError } from './secret-box';

describe(SecretBox.name, () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };
  const ring1 = new KeyRing([k1], 'k1');
  const sut = new SecretBox(ring1);
  const owner = 'LTAI5tBcd3FghJkLmNpQrStU';
  const secret = 'wyLTSmsyPGP1ohvvw8xYgB29dlGI8K';

  const expectFailure = (reason: string, f: () => unknown) =>
    expect(f).toThrow(expect.objectContaining({ name: SecretBoxError.name, reason }));

  it('round-trips through JSON, as it would through Kafka', () => {
    const sealed = JSON.parse(JSON.stringify(sut.seal(secret, owner))) as SealedSecret;
    expect(Object.keys(sealed).sort()).toEqual(['ct', 'iv', 'kid', 'tag', 'v', 'wk']);
    expect(sealed).toMatchObject({ v: 1, kid: 'k1' });
    expect(sut.openText(sealed, owner)).toBe(secret);
  });

  it('round-trips bytes and the empty secret', () => {
    const bytes = randomBytes(100);
    expect(sut.open(sut.seal(bytes, owner), owner)).toEqual(bytes);
    expect(sut.openText(sut.seal('', owner), owner)).toBe('');
  });

  it('uses a fresh data key and iv for every seal', () => {
    const a = sut.seal(secret, owner);
    const b = sut.seal(secret, owner);
    expect(a.wk).not.toBe(b.wk);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuses to open under another owner (AAD binds the secret to its row)', () => {
    expectFailure('authentication-failed', () => sut.open(sut.seal(secret, owner), 'LTAIsomeoneElse000000000'));
  });

  it.each(['wk', 'iv', 'ct', 'tag'] as const)('detects tampering with %s', (field) => {
    const sealed = sut.seal(secret, owner);
    const bytes = Buffer.from(sealed[field], 'base64url');
    bytes[bytes.length - 1] ^= 0x01;
    expectFailure('authentication-failed', () => sut.open({ ...sealed, [field]: bytes.toString('base64url') }, owner));
  });

  it('detects a ciphertext swapped in from another sealed secret of the same owner', () => {
    const a = sut.seal(secret, owner);
    const b = sut.seal('another secret value 000000000', owner);
    expectFailure('authentication-failed', () => sut.open({ ...a, ct: b.ct, iv: b.iv, tag: b.tag }, owner));
  });

  it('detects a relabelled key id', () => {
    const both = new SecretBox(new KeyRing([k1, k2], 'k1'));
    expectFailure('authentication-failed', () => both.open({ ...both.seal(secret, owner), kid: 'k2' }, owner));
  });

  it('fails on an unknown key id and on a malformed value', () => {
    expectFailure('unknown-key', () => new SecretBox(new KeyRing([k2], 'k2')).open(sut.seal(secret, owner), owner));
    expectFailure('malformed', () => sut.open({ ...sut.seal(secret, owner), iv: 'short' }, owner));
    expectFailure('malformed', () => sut.open({ ...sut.seal(secret, owner), v: 2 } as unknown as SealedSecret, owner));
  });

  it('rotates: seals under the new active key, still opens the old, re-wraps without re-encrypting', () => {
    const rotated = new SecretBox(ring1.withActiveKey('k2', k2.key));
    const old = sut.seal(secret, owner);
    expect(rotated.seal(secret, owner).kid).toBe('k2');
    expect(rotated.openText(old, owner)).toBe(secret);
    expect(rotated.isSealedWithActiveKey(old)).toBe(false);

    const rewrapped = rotated.rewrap(old, owner);
    expect(rewrapped).toMatchObject({ kid: 'k2', ct: old.ct, iv: old.iv, tag: old.tag });
    expect(rotated.isSealedWithActiveKey(rewrapped)).toBe(true);
    expect(new SecretBox(new KeyRing([k2], 'k2')).openText(rewrapped, owner)).toBe(secret);
  });
});

describe(parseSealedSecret.name, () => {
  const sut = parseSealedSecret;
  const sealed = new SecretBox(new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1')).seal('s', 'o');

  it('accepts a well-formed value and drops unknown fields', () => {
    expect(sut({ ...sealed, extra: 1 })).toEqual(sealed);
  });

  it.each([null, 'text', {}, { ...sealed, v: '1' }, { ...sealed, wk: 'x' }, { ...sealed, tag: `${sealed.tag}+` }])(
    'refuses %j',
    (value) => {
      expect(() => sut(value)).toThrow(SecretBoxError);
    },
  );
});
