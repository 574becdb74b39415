/**
 * A policy document that fails the grammar check. `path` points at the offending element in the
 * notation clients see in the error message (`Statement[1].Condition.StringEqual`); `reason` says
 * what is wrong with it. The message is safe to return to clients verbatim: it only quotes the
 * caller's own document.
 */
export class PolicyGrammarError extends Error {
  override readonly name = 'PolicyGrammarError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }

  /** The text used as the Alibaba error message detail (`MalformedPolicyDocument`, `PolicyGrammar`). */
  get detail(): string {
    return this.message;
  }
}

export const childPath = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);
export const indexPath = (parent: string, index: number): string => `${parent}[${index}]`;

/** Quotes user text for a message, clipped so a huge value cannot bloat the error envelope. */
export function quote(text: string): string {
  const clipped = text.length > 64 ? `${text.slice(0, 61)}...` : text;
  return JSON.stringify(clipped);
}
