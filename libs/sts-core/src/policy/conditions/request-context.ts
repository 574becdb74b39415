import type { ContextLookup, ContextValue } from './condition.compiler';

/**
 * The request context conditions are evaluated against: condition key -> value(s). Keys are
 * case-insensitive (`acs:SourceIp` = `acs:sourceip`). The folded lookup is built lazily, on the
 * first condition that needs it, because most statements are ruled out by action or resource
 * before any condition runs.
 */
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;

export function prepareContext(context: RequestContext | undefined): ContextLookup {
  return context === undefined ? EMPTY : new LazyContextLookup(context);
}

const EMPTY: ContextLookup = new Map();

class LazyContextLookup implements ContextLookup {
  private folded: Map<string, ContextValue> | undefined;

  constructor(private readonly context: RequestContext) {}

  get(key: string): ContextValue | undefined {
    this.folded ??= fold(this.context);
    return this.folded.get(key);
  }
}

function fold(context: RequestContext): Map<string, ContextValue> {
  const lookup = new Map<string, ContextValue>();
  for (const key in context) {
    if (!Object.prototype.hasOwnProperty.call(context, key)) continue;
    const value = context[key];
    if (value === undefined) continue;
    const folded = foldKey(key);
    // two spellings of one key would make the outcome depend on property order: a caller bug
    if (lookup.has(folded)) throw new TypeError(`request context has the key ${JSON.stringify(folded)} twice`);
    lookup.set(folded, value);
  }
  return lookup;
}

/** Key names come from a small vocabulary, so their folded forms are cached (bounded). */
const foldedKeys = new Map<string, string>();

function foldKey(key: string): string {
  let folded = foldedKeys.get(key);
  if (folded === undefined) {
    folded = key.toLowerCase();
    if (foldedKeys.size < 4096) foldedKeys.set(key, folded);
  }
  return folded;
}
