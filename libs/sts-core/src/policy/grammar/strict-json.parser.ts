import { childPath, indexPath, PolicyGrammarError, quote } from './policy-grammar.error';

/**
 * A strict RFC 8259 parser for policy documents. `JSON.parse` silently keeps the last of duplicate
 * keys, so `{"Effect":"Deny","Effect":"Allow"}` or a repeated condition operator would widen a policy
 * without anyone noticing; this parser refuses duplicates and names the element. Objects become Maps
 * (key order kept, no prototype keys) and numbers keep their source text, because condition values
 * written as JSON numbers are compared as the strings the author wrote.
 */
export class JsonNumber {
  constructor(readonly raw: string) {}
}
export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

const MAX_DEPTH = 32;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_STRING = /[^"\\\u0000-\u001f]*/y;

export function parseStrictJson(text: string): JsonValue {
  const parser = new StrictJsonParser(text);
  const value = parser.value('', 0);
  parser.end();
  return value;
}

class StrictJsonParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(path: string, depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(path, depth);
    if (c === '[') return this.array(path, depth);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, literal] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return literal;
      }
    }
    throw this.fail(c === undefined ? 'unexpected end of document' : `unexpected character ${quote(c)}`);
  }

  end(): void {
    this.skipWhitespace();
    if (this.pos < this.text.length) throw this.fail('unexpected content after the document');
  }

  private object(path: string, depth: number): JsonObject {
    const result: JsonObject = new Map();
    this.pos++;
    if (this.consume('}')) return result;
    do {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw this.fail('expected a quoted element name');
      const key = this.string();
      if (result.has(key)) throw new PolicyGrammarError(path, `duplicate element ${quote(key)}`);
      if (!this.consume(':')) throw this.fail('expected ":"');
      result.set(key, this.value(childPath(path, key), depth + 1));
    } while (this.consume(','));
    if (!this.consume('}')) throw this.fail('expected "," or "}"');
    return result;
  }

  private array(path: string, depth: number): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++;
    if (this.consume(']')) return result;
    do result.push(this.value(indexPath(path, result.length), depth + 1));
    while (this.consume(','));
    if (!this.consume(']')) throw this.fail('expected "," or "]"');
    return result;
  }

  private string(): string {
    let out = '';
    this.pos++;
    for (;;) {
      SIMPLE_STRING.lastIndex = this.pos;
      SIMPLE_STRING.test(this.text);
      out += this.text.slice(this.pos, SIMPLE_STRING.lastIndex);
      this.pos = SIMPLE_STRING.lastIndex;
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c !== '\\') throw this.fail(c === undefined ? 'unterminated string' : 'control character in string');
      out += this.escape();
    }
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    const simple = ESCAPES[c ?? ''];
    if (simple !== undefined) return simple;
    const hex = this.text.slice(this.pos, this.pos + 4);
    if (c !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) throw this.fail('invalid escape sequence', this.pos - 2);
    this.pos += 4;
    return String.fromCharCode(parseInt(hex, 16));
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) throw this.fail('invalid number');
    this.pos += match[0].length;
    return new JsonNumber(match[0]);
  }

  private consume(c: string): boolean {
    this.skipWhitespace();
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (t[this.pos] === ' ' || t[this.pos] === '\n' || t[this.pos] === '\r' || t[this.pos] === '\t') this.pos++;
  }

  private fail(reason: string, at = this.pos): PolicyGrammarError {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return new PolicyGrammarError('', `invalid JSON at line ${line}, column ${column}: ${reason}`);
  }
}

const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};
