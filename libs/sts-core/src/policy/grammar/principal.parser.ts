import type { JsonValue } from './strict-json.parser';
import { PolicyGrammarError, childPath } from './policy-grammar.error';
import { readObject, readStringList, rejectUnknownElements } from './element-readers';
import { PRINCIPAL_TYPES, type PolicyPrincipal } from './policy-document.types';

/**
 * `Principal` of a trust policy (ram-policy.md §5). Wildcards are refused in every form: a trust
 * policy names exactly who may assume the role, and `"*"` or `role/*` would hand the role to anyone
 * in (or outside) the account.
 */
const RAM_PRINCIPAL = /^acs:ram::\d{1,32}:(?:root|user\/[A-Za-z0-9.@_-]{1,64}|role\/[A-Za-z0-9.@_-]{1,64})$/i;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.aliyuncs\.com$/i;
const FEDERATED_PRINCIPAL = /^acs:ram::\d{1,32}:(?:saml-provider|oidc-provider)\/[A-Za-z0-9._-]{1,128}$/i;

export function parsePrincipal(value: JsonValue, path: string): PolicyPrincipal {
  const object = readObject(value, path);
  if (object.size === 0) throw new PolicyGrammarError(path, 'must name at least one of RAM, Service or Federated');
  rejectUnknownElements(object, path, PRINCIPAL_TYPES);
  const principal: { -readonly [K in keyof PolicyPrincipal]: PolicyPrincipal[K] } = {};
  for (const [type, raw] of object) {
    const at = childPath(path, type);
    if (type === 'RAM') principal.RAM = readStringList(raw, at, ramReason);
    else if (type === 'Service') principal.Service = readStringList(raw, at, serviceReason);
    else principal.Federated = readStringList(raw, at, federatedReason);
  }
  return principal;
}

function ramReason(value: string): string | undefined {
  if (value.includes('*') || value.includes('?')) return 'is not allowed: wildcards cannot name a RAM principal';
  return RAM_PRINCIPAL.test(value)
    ? undefined
    : 'is not a RAM principal (acs:ram::<account-id>:root, :user/<name> or :role/<name>)';
}

function serviceReason(value: string): string | undefined {
  return SERVICE_PRINCIPAL.test(value) ? undefined : 'is not a service principal (<service>.aliyuncs.com)';
}

function federatedReason(value: string): string | undefined {
  if (value.includes('*') || value.includes('?')) return 'is not allowed: wildcards cannot name an identity provider';
  return FEDERATED_PRINCIPAL.test(value)
    ? undefined
    : 'is not an identity provider (acs:ram::<account-id>:saml-provider/<name> or :oidc-provider/<name>)';
}
