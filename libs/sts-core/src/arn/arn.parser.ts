import type { Arn, ArnFailure, ArnFailureReason, ArnKind, ArnOfKind, ArnResult } from './arn.types';
import { isValidAccountId, isValidName, NamedEntity, SYSTEM_POLICY_ACCOUNT } from './ram-name.rules';

const fail = (reason: ArnFailureReason, message: string): ArnFailure => ({ ok: false, reason, message });
const ok = <T extends Arn>(arn: T): ArnResult<T> => ({ ok: true, arn });

const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
const REGION = /^(?:\*|[a-z0-9-]*)$/;
const GENERIC_ACCOUNT = /^(?:[0-9*?]*|system)$/;
/** Wildcards make a RAM ARN a policy pattern rather than the name of one entity. */
const PATTERN = /[*?]/;

/**
 * Parses any ARN. RAM identities (`acs:ram::<account>:<type>/...` with a known type and no
 * wildcard) get their own kind and are validated strictly; everything else that has the five
 * segments is `generic`.
 */
export function parseArn(input: string): ArnResult {
  const parts = splitArn(input);
  if (parts === undefined) return fail('not-an-arn', 'expected acs:<service>:<region>:<account>:<resource>');
  const [service, region, accountId, resource] = parts;
  if (!SERVICE.test(service) || !REGION.test(region) || !GENERIC_ACCOUNT.test(accountId) || resource === '') {
    return fail('not-an-arn', 'malformed service, region, account or resource segment');
  }
  if (service === 'ram' && region === '' && !PATTERN.test(accountId) && !PATTERN.test(resource)) {
    const ram = parseRamResource(accountId, resource);
    if (ram !== undefined) return ram;
  }
  return ok({ kind: 'generic', service, region, accountId, resource });
}

/** Parses and insists on one kind, e.g. `parseArnOfKind('role', params.RoleArn)`. */
export function parseArnOfKind<K extends ArnKind>(kind: K, input: string): ArnResult<ArnOfKind<K>> {
  const result = parseArn(input);
  if (!result.ok) return result;
  if (result.arn.kind !== kind) return fail('unexpected-kind', `expected a ${kind} ARN, got ${result.arn.kind}`);
  return result as ArnResult<ArnOfKind<K>>;
}

function splitArn(input: string): [string, string, string, string] | undefined {
  if (typeof input !== 'string' || !input.startsWith('acs:')) return undefined;
  const c1 = input.indexOf(':', 4);
  const c2 = c1 < 0 ? -1 : input.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : input.indexOf(':', c2 + 1);
  if (c3 < 0) return undefined;
  return [input.slice(4, c1), input.slice(c1 + 1, c2), input.slice(c2 + 1, c3), input.slice(c3 + 1)];
}

/** Returns undefined for an unknown RAM resource type, which then parses as generic. */
function parseRamResource(accountId: string, resource: string): ArnResult | undefined {
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const path = slash < 0 ? [] : resource.slice(slash + 1).split('/');
  switch (type) {
    case 'root':
      return slash < 0 ? withAccount(accountId, () => ok({ kind: 'root', accountId })) : undefined;
    case 'user':
      return single(accountId, path, 'userName', (userName) => ({ kind: 'user', accountId, userName }));
    case 'group':
      return single(accountId, path, 'groupName', (groupName) => ({ kind: 'group', accountId, groupName }));
    case 'saml-provider':
      return single(accountId, path, 'providerName', (providerName) => ({ kind: 'saml-provider', accountId, providerName }));
    case 'oidc-provider':
      return single(accountId, path, 'providerName', (providerName) => ({ kind: 'oidc-provider', accountId, providerName }));
    case 'policy':
      return parsePolicy(accountId, path);
    case 'role':
      // `role/<name>/<session>` is the session ARN AssumeRole returns; role names hold no `/`.
      if (path.length === 2) return session(accountId, path, 'role');
      return single(accountId, path, 'roleName', (roleName) => ({ kind: 'role', accountId, roleName }));
    case 'assumed-role':
      return session(accountId, path, 'assumed-role');
    default:
      return undefined;
  }
}

function withAccount(accountId: string, then: () => ArnResult): ArnResult {
  return isValidAccountId(accountId) ? then() : fail('invalid-account-id', 'account id must be 12-20 decimal digits');
}

function single(accountId: string, path: string[], entity: NamedEntity, build: (name: string) => Arn): ArnResult {
  return withAccount(accountId, () => {
    if (path.length !== 1 || !isValidName(entity, path[0])) return fail('invalid-name', `invalid ${entity}`);
    return ok(build(path[0]));
  });
}

function parsePolicy(accountId: string, path: string[]): ArnResult {
  const build = (policyName: string): Arn => ({ kind: 'policy', accountId, policyName });
  if (accountId === SYSTEM_POLICY_ACCOUNT) {
    const valid = path.length === 1 && isValidName('policyName', path[0]);
    return valid ? ok(build(path[0])) : fail('invalid-name', 'invalid policyName');
  }
  return single(accountId, path, 'policyName', build);
}

function session(accountId: string, path: string[], form: 'role' | 'assumed-role'): ArnResult {
  return withAccount(accountId, () => {
    if (path.length !== 2 || !isValidName('roleName', path[0])) return fail('invalid-name', 'invalid roleName');
    if (!isValidName('roleSessionName', path[1])) return fail('invalid-session-name', 'invalid roleSessionName');
    return ok({ kind: 'assumed-role', accountId, roleName: path[0], sessionName: path[1], form });
  });
}
