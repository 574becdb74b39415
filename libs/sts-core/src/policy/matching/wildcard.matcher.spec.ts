import fc from 'fast-check';
import { compileWildcard } from './wildcard.matcher';

/** Reference: textbook dynamic programming over (pattern, input) characters; slow but obviously right. */
function referenceMatch(patternText: string, inputText: string): boolean {
  const [pattern, input] = [[...patternText], [...inputText]];
  const table: boolean[][] = Array.from({ length: pattern.length + 1 }, () => new Array<boolean>(input.length + 1).fill(false));
  table[0][0] = true;
  for (let i = 1; i <= pattern.length; i++) {
    const p = pattern[i - 1];
    table[i][0] = p === '*' && table[i - 1][0];
    for (let j = 1; j <= input.length; j++) {
      table[i][j] = p === '*' ? table[i - 1][j] || table[i][j - 1] : (p === '?' || p === input[j - 1]) && table[i - 1][j - 1];
    }
  }
  return table[pattern.length][input.length];
}

describe(compileWildcard.name, () => {
  const matches = (pattern: string, input: string) => compileWildcard(pattern).matches(input);

  it.each([
    ['*', '', true],
    ['*', 'anything at all', true],
    ['ecs:Describe*', 'ecs:DescribeInstances', true],
    ['ecs:Describe*', 'ecs:Describe', true],
    ['ecs:Describe*', 'ecs:describeInstances', false],
    ['*Instances', 'ecs:DescribeInstances', true],
    ['*scribe*', 'ecs:DescribeInstances', true],
    ['*scribe*', 'ecs:Describ', false],
    ['user/???', 'user/bob', true],
    ['user/???', 'user/bo', false],
    ['user/???', 'user/bobby', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['a?*c', 'ac', false],
    ['a?*c', 'abc', true],
    ['*a*a', 'aa', true],
    ['*a*a', 'a', false],
    ['**', '', true],
    ['literal', 'literal', true],
    ['literal', 'literalx', false],
    ['', '', true],
    ['', 'x', false],
  ])('%j against %j is %s', (pattern, input, expected) => {
    expect(matches(pattern, input)).toBe(expected);
  });

  it('flags literal patterns so callers can use set lookups', () => {
    expect(compileWildcard('ram:GetUser').isLiteral).toBe(true);
    expect(compileWildcard('ram:Get?ser').isLiteral).toBe(false);
  });

  // A backtracking matcher (a regex such as /^.*a.*a.*a.*a.*b.*$/, or a recursive one) tries every
  // placement of the `a`s before it gives up: 18–30 s for these 200 characters on a dev machine.
  // The trailing `*` keeps the end check from answering early, so the middle pieces are searched.
  it.each([`${'*a'.repeat(4)}*b*`, `${'*a?'.repeat(4)}*b*`])('stays fast on %j, which makes backtracking matchers explode', (pattern) => {
    const sut = compileWildcard(pattern);
    const started = performance.now();
    expect(sut.matches('a'.repeat(200))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('agrees with the reference implementation on random patterns and inputs', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':');
    const patternChar = fc.oneof(alphabet, fc.constant('*'), fc.constant('?'));
    fc.assert(
      fc.property(fc.string({ unit: patternChar, maxLength: 12 }), fc.string({ unit: alphabet, maxLength: 14 }), (pattern, input) => {
        expect(compileWildcard(pattern).matches(input)).toBe(referenceMatch(pattern, input));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes `?` for one character, an emoji included, as the reference does (ram-policy.md §2)', () => {
    expect(compileWildcard('acs:oss:*:*:bucket/secret?').matches('acs:oss:cn:1:bucket/secret😀')).toBe(true);
    expect(compileWildcard('x??').matches('x😀')).toBe(false);
    const alphabet = fc.constantFrom('a', '😀', 'é', '/');
    const patternChar = fc.oneof(alphabet, fc.constant('*'), fc.constant('?'));
    fc.assert(
      fc.property(fc.array(patternChar, { maxLength: 10 }), fc.array(alphabet, { maxLength: 12 }), (p, i) => {
        expect(compileWildcard(p.join('')).matches(i.join(''))).toBe(referenceMatch(p.join(''), i.join('')));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the reference when the input is derived from the pattern', () => {
    const patternChar = fc.constantFrom('a', 'b', '*', '?');
    const filler = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 3 });
    fc.assert(
      fc.property(fc.string({ unit: patternChar, maxLength: 10 }), fc.array(filler, { maxLength: 10 }), (pattern, fills) => {
        let i = 0;
        const input = [...pattern].map((c) => (c === '*' ? (fills[i++] ?? '') : c === '?' ? 'b' : c)).join('');
        expect(compileWildcard(pattern).matches(input)).toBe(true);
        expect(referenceMatch(pattern, input)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
