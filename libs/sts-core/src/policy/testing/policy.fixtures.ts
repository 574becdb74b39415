import { parsePolicy } from '../grammar/policy.parser';
import type { PolicyDocument, PolicyKind } from '../grammar/policy-document.types';
import { compilePolicy, type CompiledPolicy } from '../evaluation/compiled-policy';
import { compileCondition } from '../conditions/condition.compiler';
import { prepareContext, type RequestContext } from '../conditions/request-context';

/** Test helpers: documents written as objects, parsed strictly, failing the test on a grammar error. */
export const ACCOUNT = '1234567890123456';
export const OTHER_ACCOUNT = '6543210987654321';
export const roleArn = (name: string, account = ACCOUNT): string => `acs:ram::${account}:role/${name}`;

export function documentOf(kind: PolicyKind, statements: unknown): PolicyDocument {
  const result = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), kind);
  if (!result.ok) throw new Error(`fixture does not parse: ${result.error.detail}`);
  return result.document;
}

export const identityPolicy = (ref: string, ...statements: object[]): CompiledPolicy =>
  compilePolicy(documentOf('identity', statements), ref);

export const sessionPolicy = (...statements: object[]): CompiledPolicy =>
  compilePolicy(documentOf('session', statements), 'session-policy');

export const trustPolicy = (...statements: object[]): CompiledPolicy => compilePolicy(documentOf('trust', statements), 'trust-policy');

export const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
export const denyAll = { Effect: 'Deny', Action: '*', Resource: '*' };

/** Does `condition` (written as in a policy) hold for `context`? Goes through parse + compile. */
export function conditionHolds(condition: object, context: RequestContext = {}): boolean {
  const statement = documentOf('identity', [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }]).statements[0];
  return compileCondition(statement.condition ?? []).isSatisfied(prepareContext(context));
}
