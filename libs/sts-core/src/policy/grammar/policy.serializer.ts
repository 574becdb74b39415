import { conditionBlockName, PRINCIPAL_TYPES, type PolicyDocument, type PolicyStatement } from './policy-document.types';

/**
 * Canonical JSON text of a validated document: fixed element order, one-element lists written as a
 * plain string, condition values always strings. Parsing the output yields an equal document, so the
 * RAM store can keep the canonical text and compare versions without caring how they were written.
 */
export function serialisePolicy(document: PolicyDocument): string {
  return JSON.stringify({ Version: document.version, Statement: document.statements.map(statementJson) });
}

function statementJson(statement: PolicyStatement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (statement.sid !== undefined) out.Sid = statement.sid;
  out.Effect = statement.effect;
  if (statement.action) out.Action = list(statement.action);
  if (statement.notAction) out.NotAction = list(statement.notAction);
  if (statement.resource) out.Resource = list(statement.resource);
  if (statement.principal) {
    const principal: Record<string, unknown> = {};
    for (const type of PRINCIPAL_TYPES) {
      const values = statement.principal[type];
      if (values) principal[type] = list(values);
    }
    out.Principal = principal;
  }
  if (statement.condition) {
    // keys always contain ":" (grammar), so none is integer-like and object key order is kept
    const condition: Record<string, unknown> = {};
    for (const block of statement.condition) {
      const entries: Record<string, unknown> = {};
      for (const entry of block.entries) entries[entry.key] = list(entry.values);
      condition[conditionBlockName(block)] = entries;
    }
    out.Condition = condition;
  }
  return out;
}

const list = (values: readonly string[]): string | readonly string[] => (values.length === 1 ? values[0] : values);
