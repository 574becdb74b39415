import fc from 'fast-check';
import { JsonNumber, parseStrictJson, type JsonValue } from './strict-json.parser';
import { PolicyGrammarError } from './policy-grammar.error';

/** Back to the shape JSON.parse produces, for comparison. */
function plain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.raw);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) Object.defineProperty(out, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

describe(parseStrictJson.name, () => {
  const sut = parseStrictJson;
  const failure = (text: string) => {
    try {
      sut(text);
    } catch (e) {
      if (e instanceof PolicyGrammarError) return e.detail;
    }
    throw new Error('expected a PolicyGrammarError');
  };

  it('agrees with JSON.parse on any valid JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(plain(sut(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps number source text and decodes escapes', () => {
    const value = sut('{"n":[1.50,-0,2e3],"s":"a\\u00e9\\n\\"\\/"}') as Map<string, JsonValue>;
    expect((value.get('n') as JsonNumber[]).map((n) => n.raw)).toEqual(['1.50', '-0', '2e3']);
    expect(value.get('s')).toBe('aé\n"/');
  });

  it('stores "__proto__" as an ordinary element', () => {
    const value = sut('{"__proto__":{"polluted":true}}') as Map<string, JsonValue>;
    expect(value.get('__proto__')).toBeInstanceOf(Map);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a":1,"a":2}', ': duplicate element "a"'],
    ['{"a":{"b":[{"c":1,"c":1}]}}', 'a.b[0]: duplicate element "c"'],
    ['{"a":01}', 'invalid JSON at line 1, column 7: expected "," or "}"'],
    ['{"a":+1}', 'invalid JSON at line 1, column 6: unexpected character "+"'],
    ['{"a":"x\ty"}', 'invalid JSON at line 1, column 8: control character in string'],
    ['{"a":"x', 'invalid JSON at line 1, column 8: unterminated string'],
    ['{"a":NaN}', 'invalid JSON at line 1, column 6: unexpected character "N"'],
    ['[1,]', 'invalid JSON at line 1, column 4: unexpected character "]"'],
    ['{"a":1} {}', 'invalid JSON at line 1, column 9: unexpected content after the document'],
  ])('refuses %j', (text, expected) => {
    expect(failure(text)).toBe(expected.startsWith(':') ? expected.slice(2) : expected);
  });

  it('refuses nesting deeper than 32 levels instead of recursing without bound', () => {
    expect(failure('['.repeat(40) + ']'.repeat(40))).toBe('invalid JSON at line 1, column 34: nesting deeper than 32 levels');
    expect(() => sut('['.repeat(32) + ']'.repeat(32))).not.toThrow();
  });
});
