import { BASE62_ALPHABET, pooledRandomBytes, randomBase62, randomDecimal, randomIntInclusive } from './random-source';

/** Chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: Map<string, number>, categories: number, total: number): number {
  const expected = total / categories;
  const missing = (categories - counts.size) * expected;
  return [...counts.values()].reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, missing);
}

function countChars(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

describe(randomBase62.name, () => {
  const sut = randomBase62;

  it('uses only the base62 alphabet and the requested length', () => {
    const value = sut(1000);
    expect(value).toHaveLength(1000);
    expect(value).toMatch(/^[0-9A-Za-z]+$/);
  });

  it('is uniform over all 62 characters (no modulo bias towards the first two)', () => {
    const total = 62 * 2000;
    const counts = countChars(sut(total));
    expect(counts.size).toBe(BASE62_ALPHABET.length);
    // 61 degrees of freedom: 130 is beyond the 99.999th percentile; `byte % 62` would score about 800.
    expect(chiSquare(counts, 62, total)).toBeLessThan(130);
  });
});

describe(randomDecimal.name, () => {
  const sut = randomDecimal;

  it('never starts with 0 and is uniform over the other digits', () => {
    const values = Array.from({ length: 20000 }, () => sut(16));
    for (const v of values.slice(0, 100)) expect(v).toMatch(/^[1-9][0-9]{15}$/);
    const rest = countChars(values.map((v) => v.slice(1)).join(''));
    // 9 degrees of freedom: 38 is beyond the 99.999th percentile.
    expect(chiSquare(rest, 10, 20000 * 15)).toBeLessThan(38);
  });
});

describe(randomIntInclusive.name, () => {
  it('stays within bounds and reaches both ends', () => {
    const seen = new Set(Array.from({ length: 500 }, () => randomIntInclusive(17, 19)));
    expect([...seen].sort()).toEqual([17, 18, 19]);
  });
});

describe(pooledRandomBytes.name, () => {
  it('hands out the requested length, never the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    // 12-byte values over several 4 KB pools: a repeat would mean a byte handed out twice
    for (let i = 0; i < 2_000; i++) {
      const b = pooledRandomBytes(12);
      expect(b).toHaveLength(12);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(2_000);
  });

  it('is roughly uniform over byte values', () => {
    const counts = new Array<number>(256).fill(0);
    for (const byte of pooledRandomBytes(256 * 400)) counts[byte]++;
    // 400 expected per value; 8 standard deviations either way
    for (const c of counts) expect(Math.abs(c - 400)).toBeLessThan(160);
  });
});
