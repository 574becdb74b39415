/**
 * Glob matching for `*` (any run, including empty) and `?` (exactly one character: one Unicode code
 * point, so an emoji is one, not the two UTF-16 units that spell it), compiled
 * once per pattern. No regular expressions: the pattern is split at `*` and the pieces are located
 * left to right with the leftmost-match rule, which is exact for this glob dialect and never
 * backtracks, so a hostile pattern such as `*a*a*a*a*b` costs O(pattern × input) at worst instead of
 * exponential time. Common shapes (literal, `*`, `prefix*`, `*suffix`, `*infix*`) take a fast path.
 * Case folding is the caller's job: compile a lowercased pattern and match lowercased input.
 */
export interface WildcardMatcher {
  readonly pattern: string;
  readonly isLiteral: boolean;
  matches(input: string): boolean;
}

export const hasWildcard = (pattern: string): boolean => pattern.includes('*') || pattern.includes('?');

export function compileWildcard(pattern: string): WildcardMatcher {
  const matcher = compileUnits(pattern);
  if (!pattern.includes('?')) return matcher; // without `?`, UTF-16 units and code points agree
  // an input with characters beyond the BMP is matched character by character (rare, slower)
  let pieces: string[][] | undefined;
  return { ...matcher, matches: (input) => (ASTRAL.test(input) ? matchesCodePoints((pieces ??= pattern.split('*').map((p) => [...p])), input) : matcher.matches(input)) };
}

const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** The same leftmost-match algorithm as `compileUnits`, over code points (`pieces`: the pattern split at `*`). */
function matchesCodePoints(pieces: readonly string[][], text: string): boolean {
  const input = [...text];
  const at = (piece: string[], offset: number) => piece.every((c, i) => c === '?' || c === input[offset + i]);
  const first = pieces[0];
  if (pieces.length === 1) return input.length === first.length && at(first, 0);
  const last = pieces[pieces.length - 1];
  if (input.length < pieces.reduce((n, p) => n + p.length, 0)) return false;
  const end = input.length - last.length;
  if (!at(first, 0) || !at(last, end)) return false;
  let position = first.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece.length === 0) continue;
    let found = -1;
    for (let start = position; start + piece.length <= end && found < 0; start++) if (at(piece, start)) found = start;
    if (found < 0) return false;
    position = found + piece.length;
  }
  return true;
}

function compileUnits(pattern: string): WildcardMatcher {
  const pieces = pattern.split('*');
  const hasQuestion = pattern.includes('?');
  if (pieces.length === 1) {
    if (!hasQuestion) return { pattern, isLiteral: true, matches: (input) => input === pattern };
    return { pattern, isLiteral: false, matches: (input) => input.length === pattern.length && pieceAt(input, 0, pattern) };
  }
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  if (!hasQuestion && middle.length === 0) {
    if (first === '' && last === '') return { pattern, isLiteral: false, matches: () => true };
    if (last === '') return { pattern, isLiteral: false, matches: (input) => input.startsWith(first) };
    if (first === '') return { pattern, isLiteral: false, matches: (input) => input.endsWith(last) };
  }
  if (!hasQuestion && first === '' && last === '' && middle.length === 1) {
    const infix = middle[0];
    return { pattern, isLiteral: false, matches: (input) => input.includes(infix) };
  }
  const minLength = first.length + last.length + middle.reduce((n, p) => n + p.length, 0);
  return {
    pattern,
    isLiteral: false,
    matches(input) {
      if (input.length < minLength) return false;
      const end = input.length - last.length;
      if (!pieceAt(input, 0, first) || !pieceAt(input, end, last)) return false;
      let position = first.length;
      for (const piece of middle) {
        const found = findPiece(input, piece, position, end);
        if (found < 0) return false;
        position = found + piece.length;
      }
      return true;
    },
  };
}

/** Does `piece` (which may contain `?`) match `input` at `offset`? Bounds are the caller's job. */
function pieceAt(input: string, offset: number, piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== input.charCodeAt(offset + i)) return false;
  }
  return true;
}

/** Leftmost start of `piece` in `input[from, end)`, entirely within that window; -1 if none. */
function findPiece(input: string, piece: string, from: number, end: number): number {
  if (!piece.includes('?')) {
    const found = input.indexOf(piece, from);
    return found >= 0 && found + piece.length <= end ? found : -1;
  }
  for (let start = from; start + piece.length <= end; start++) {
    if (pieceAt(input, start, piece)) return start;
  }
  return -1;
}
