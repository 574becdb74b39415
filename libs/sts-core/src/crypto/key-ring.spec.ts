import { randomBytes } from 'node:crypto';
import { KeyRing, KeyRingError } from './key-ring';

describe(KeyRing.name, () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('exposes the active key and every key by id', () => {
    const sut = new KeyRing([{ id: 'k1', key: k1 }, { id: 'k2', key: k2 }], 'k2');
    expect(sut.active.id).toBe('k2');
    expect(sut.active.key.export()).toEqual(k2);
    expect(sut.get('k1')?.export()).toEqual(k1);
    expect(sut.get('k3')).toBeUndefined();
    expect(sut.keyIds).toEqual(['k1', 'k2']);
  });

  it.each([
    ['no active key', [{ id: 'k1', key: k1 }], 'k2'],
    ['a short key', [{ id: 'k1', key: randomBytes(16) }], 'k1'],
    ['a duplicate id', [{ id: 'k1', key: k1 }, { id: 'k1', key: k2 }], 'k1'],
    ['an id with a colon', [{ id: 'k:1', key: k1 }], 'k:1'],
    ['an empty id', [{ id: '', key: k1 }], ''],
  ])('refuses %s', (_, entries, active) => {
    expect(() => new KeyRing(entries, active)).toThrow(KeyRingError);
  });

  it('rotates: a new active key, the old one still present, then retired', () => {
    const sut = new KeyRing([{ id: 'k1', key: k1 }], 'k1');
    const rotated = sut.withActiveKey('k2', k2);
    expect(rotated.activeKeyId).toBe('k2');
    expect(rotated.get('k1')).toBeDefined();
    expect(rotated.withoutKey('k1').keyIds).toEqual(['k2']);
    expect(() => rotated.withoutKey('k2')).toThrow(KeyRingError);
    expect(sut.activeKeyId).toBe('k1');
  });

  it('keeps key bytes out of JSON and string forms', () => {
    const sut = new KeyRing([{ id: 'k1', key: k1 }], 'k1');
    const dumped = JSON.stringify(sut.entries()) + String(sut.active.key);
    expect(dumped).not.toContain(k1.toString('base64'));
    expect(dumped).not.toContain(k1.toString('hex'));
  });
});
