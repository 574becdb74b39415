import { randomBytes } from 'node:crypto';
import { DEFAULT_KEY_ID, parseKeyMaterial, parseKeyRing } from './key-material.parser';
import { KeyRingError } from './key-ring';

describe(parseKeyMaterial.name, () => {
  const sut = parseKeyMaterial;
  const key = randomBytes(32);
  const files: Record<string, Buffer> = {
    '/run/secrets/raw': key,
    '/run/secrets/text': Buffer.from(`${key.toString('base64')}\n`),
  };
  const readFile = (path: string) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path];
  };

  it.each([
    ['standard base64', key.toString('base64')],
    ['base64url', key.toString('base64url')],
    ['base64 with surrounding whitespace', ` ${key.toString('base64')}\n`],
    ['a file of raw bytes', 'file:/run/secrets/raw'],
    ['a file of base64 text', 'file:/run/secrets/text'],
  ])('reads %s', (_, value) => {
    expect(sut(value, readFile)).toEqual(key);
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['not base64', 'not a key!'],
    ['a missing file', 'file:/nope'],
  ])('refuses %s', (_, value) => {
    expect(() => sut(value, readFile)).toThrow(KeyRingError);
  });

  it('never quotes the rejected value in its error', () => {
    const almost = randomBytes(31).toString('base64');
    expect(() => sut(almost, readFile)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(almost) }));
  });
});

describe(parseKeyRing.name, () => {
  const sut = parseKeyRing;
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const readFile = () => k1;

  it('reads several keys, the first active', () => {
    const ring = sut(`k2:${k2.toString('base64')}, k1:file:/run/secrets/k1`, { readFile });
    expect(ring.activeKeyId).toBe('k2');
    expect(ring.get('k1')?.export()).toEqual(k1);
    expect(ring.get('k2')?.export()).toEqual(k2);
  });

  it('honours an explicit active key id', () => {
    expect(sut(`k2:${k2.toString('base64')},k1:${k1.toString('base64')}`, { activeKeyId: 'k1' }).activeKeyId).toBe('k1');
  });

  it('names a single bare key "default"', () => {
    expect(sut(k1.toString('base64')).keyIds).toEqual([DEFAULT_KEY_ID]);
    expect(sut('file:/x', { readFile }).keyIds).toEqual([DEFAULT_KEY_ID]);
  });

  it('never quotes a key given where an id belongs (two keys joined with `:` instead of `,`)', () => {
    const a = k1.toString('base64');
    expect(() => sut(`${a}:${k2.toString('base64')}`)).toThrow(expect.objectContaining({ name: 'KeyRingError', message: expect.not.stringContaining(a) }));
  });

  it.each(['', ' , ', `${k1.toString('base64')},k2:${k2.toString('base64')}`])('refuses %j', (spec) => {
    expect(() => sut(spec)).toThrow(KeyRingError);
  });
});
