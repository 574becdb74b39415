import type { JsonObject, JsonValue } from './strict-json.parser';
import { childPath, PolicyGrammarError } from './policy-grammar.error';
import { readObject, readString, readStringList, rejectUnknownElements } from './element-readers';
import { parseCondition } from './condition.parser';
import { parsePrincipal } from './principal.parser';
import type { Effect, PolicyKind, PolicyStatement } from './policy-document.types';

/** One statement (ram-policy.md §1, §5): element names are exact-case, unknown elements refused. */
const IDENTITY_ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'Condition'];
const TRUST_ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Principal', 'Condition'];
const EFFECTS: readonly string[] = ['Allow', 'Deny'];

const ACTION = /^(?:\*|[A-Za-z0-9*?_.-]+:[A-Za-z0-9*?_.-]+)$/;
const RESOURCE = /^(?:\*|acs:[A-Za-z0-9*?_.-]+:[A-Za-z0-9*?_.-]*:[A-Za-z0-9*?_.-]*:[^\u0000-\u001f]+)$/i;

export function parseStatement(value: JsonValue, path: string, kind: PolicyKind): PolicyStatement {
  const object = readObject(value, path);
  rejectUnknownElements(object, path, kind === 'trust' ? TRUST_ELEMENTS : IDENTITY_ELEMENTS, refusals(kind));
  const statement: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { effect: parseEffect(object, path) };
  const sid = object.get('Sid');
  if (sid !== undefined) statement.sid = readString(sid, childPath(path, 'Sid'));

  const action = object.get('Action');
  const notAction = object.get('NotAction');
  if (action !== undefined && notAction !== undefined) {
    throw new PolicyGrammarError(childPath(path, 'NotAction'), 'cannot be combined with Action');
  }
  if (action !== undefined) statement.action = readStringList(action, childPath(path, 'Action'), actionReason);
  else if (notAction !== undefined) statement.notAction = readStringList(notAction, childPath(path, 'NotAction'), actionReason);
  else throw new PolicyGrammarError(childPath(path, 'Action'), 'is required (or NotAction)');

  if (kind === 'trust') statement.principal = parsePrincipal(required(object, path, 'Principal'), childPath(path, 'Principal'));
  else statement.resource = readStringList(required(object, path, 'Resource'), childPath(path, 'Resource'), resourceReason);

  const condition = object.get('Condition');
  if (condition !== undefined) {
    const blocks = parseCondition(condition, childPath(path, 'Condition'));
    if (blocks.length > 0) statement.condition = blocks;
  }
  return statement;
}

function parseEffect(object: JsonObject, path: string): Effect {
  const at = childPath(path, 'Effect');
  const effect = readString(required(object, path, 'Effect'), at);
  if (!EFFECTS.includes(effect)) throw new PolicyGrammarError(at, `must be "Allow" or "Deny", not ${JSON.stringify(effect)}`);
  return effect as Effect;
}

function required(object: JsonObject, path: string, name: string): JsonValue {
  const value = object.get(name);
  if (value === undefined) throw new PolicyGrammarError(childPath(path, name), 'is required');
  return value;
}

function refusals(kind: PolicyKind): Record<string, string> {
  const where = kind === 'trust' ? 'a trust policy' : kind === 'session' ? 'a session policy' : 'an identity policy';
  const common = { NotResource: 'is not supported (use Resource)', NotPrincipal: 'is not supported (use Principal)' };
  return kind === 'trust'
    ? { ...common, Resource: `is not allowed in ${where}` }
    : { ...common, Principal: `is not allowed in ${where}` };
}

const actionReason = (value: string): string | undefined =>
  ACTION.test(value) ? undefined : 'is not an action (<service>:<action-name> or "*")';

const resourceReason = (value: string): string | undefined =>
  RESOURCE.test(value) ? undefined : 'is not a resource (acs:<service>:<region>:<account-id>:<relative-id> or "*")';
