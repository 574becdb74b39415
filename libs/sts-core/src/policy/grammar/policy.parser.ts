import { parseStrictJson } from './strict-json.parser';
import { PolicyGrammarError, indexPath } from './policy-grammar.error';
import { readObject, readString, rejectUnknownElements } from './element-readers';
import { parseStatement } from './statement.parser';
import type { PolicyDocument, PolicyKind, PolicyStatement } from './policy-document.types';

export type PolicyParseResult =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly error: PolicyGrammarError };

/**
 * Grammar check of a policy document (ram-policy.md §1). Never throws for bad input: a rejected
 * document is an expected outcome that callers map to their API's error code
 * (see policy-document.validator.ts). Size limits are the validator's job, not the grammar's.
 */
export function parsePolicy(text: string, kind: PolicyKind): PolicyParseResult {
  try {
    return { ok: true, document: parseDocument(text, kind) };
  } catch (error) {
    if (error instanceof PolicyGrammarError) return { ok: false, error };
    throw error;
  }
}

function parseDocument(text: string, kind: PolicyKind): PolicyDocument {
  const root = readObject(parseStrictJson(text), '');
  rejectUnknownElements(root, '', ['Version', 'Statement']);
  const version = root.get('Version');
  if (version === undefined) throw new PolicyGrammarError('Version', 'is required');
  if (readString(version, 'Version') !== '1') throw new PolicyGrammarError('Version', `must be "1", not ${JSON.stringify(version)}`);

  const raw = root.get('Statement');
  if (raw === undefined) throw new PolicyGrammarError('Statement', 'is required');
  let statements: PolicyStatement[];
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new PolicyGrammarError('Statement', 'must contain at least one statement');
    statements = raw.map((s, i) => parseStatement(s, indexPath('Statement', i), kind));
  } else {
    // a lone statement object is accepted (ram-policy.md §1, UNCONFIRMED): the path stays `Statement`
    statements = [parseStatement(raw, 'Statement', kind)];
  }
  return { kind, version: '1', statements };
}
