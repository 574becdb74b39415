import type { EventEnvelope } from '@opensts/sts-core/events';
import { ViewKeys } from './view-keys';
import type { ViewChange } from './view-change';

type P = Record<string, unknown>;

/** Every event type the access view reads; the rest (notably SessionIssued) is filtered out unparsed. */
export const PROJECTED_EVENT_TYPES = [
  'AccountCreated', 'AccessKeyCreated', 'AccessKeyStatusChanged', 'AccessKeyResealed', 'AccessKeyDeleted',
  'UserCreated', 'UserUpdated', 'UserDeleted', 'RoleCreated', 'RoleUpdated', 'RoleDeleted',
  'SamlProviderCreated', 'SamlProviderUpdated', 'SamlProviderDeleted', 'OidcProviderCreated', 'OidcProviderUpdated', 'OidcProviderDeleted',
  'PolicyCreated', 'PolicyVersionCreated', 'PolicyDefaultVersionSet', 'PolicyDeleted', 'PolicyAttached', 'PolicyDetached',
  'SessionRevoked', 'RoleSessionsRevoked',
] as const;
const s = (v: unknown) => String(v);

/**
 * Pure: the view changes one directory, policy or issuance event implies. Events carry the full
 * new state of their entity, so each change is a whole-record upsert or a tombstone. Unknown
 * event types change nothing (a newer producer may emit events this view does not need).
 */
export function projectEvent(env: EventEnvelope): ViewChange[] {
  const p = (env.payload ?? {}) as P;
  const acct = p.accountId === undefined ? undefined : s(p.accountId);
  switch (env.type) {
    case 'AccountCreated':
      return [{ kind: 'account', key: s(p.accountId), accountId: acct, data: { accountId: p.accountId } }];
    case 'AccessKeyCreated':
    case 'AccessKeyResealed':
      return [{ kind: 'access-key', key: s(p.accessKeyId), accountId: acct, data: pick(p, ['accountId', 'accessKeyId', 'owner', 'status', 'sealedSecret']) }];
    case 'AccessKeyStatusChanged':
      // a partial change: merged into the record by the store
      return [{ kind: 'access-key', key: s(p.accessKeyId), accountId: acct, data: { status: p.status, $merge: true } }];
    case 'AccessKeyDeleted':
      return [{ kind: 'access-key', key: s(p.accessKeyId), accountId: acct }];
    case 'UserCreated':
    case 'UserUpdated':
      return [{ kind: 'user', key: s(p.userId), accountId: acct, data: pick(p, ['accountId', 'userId', 'userName']) }];
    case 'UserDeleted':
      return [{ kind: 'user', key: s(p.userId), accountId: acct }];
    case 'RoleCreated':
    case 'RoleUpdated':
      return [{ kind: 'role', key: s(p.roleId), accountId: acct, data: pick(p, ['accountId', 'roleId', 'roleName', 'arn', 'assumeRolePolicyDocument', 'maxSessionDuration']) }];
    case 'RoleDeleted':
      return [{ kind: 'role', key: s(p.roleId), accountId: acct }];
    case 'SamlProviderCreated':
    case 'SamlProviderUpdated':
      return [{ kind: 'saml-provider', key: ViewKeys.nameKey(s(p.accountId), s(p.samlProviderName)), accountId: acct, data: p }];
    case 'SamlProviderDeleted':
      return [{ kind: 'saml-provider', key: ViewKeys.nameKey(s(p.accountId), s(p.samlProviderName)), accountId: acct }];
    case 'OidcProviderCreated':
    case 'OidcProviderUpdated':
      return [{ kind: 'oidc-provider', key: ViewKeys.nameKey(s(p.accountId), s(p.oidcProviderName)), accountId: acct, data: p }];
    case 'OidcProviderDeleted':
      return [{ kind: 'oidc-provider', key: ViewKeys.nameKey(s(p.accountId), s(p.oidcProviderName)), accountId: acct }];
    case 'PolicyCreated':
      return [policyDefault(p, s(p.defaultVersionId), s(p.policyDocument))];
    case 'PolicyVersionCreated':
      return p.isDefaultVersion === true ? [policyDefault(p, s(p.versionId), s(p.policyDocument))] : [];
    case 'PolicyDefaultVersionSet':
      return [policyDefault(p, s(p.versionId), s(p.policyDocument))];
    case 'PolicyDeleted':
      return [{ kind: 'policy', key: ViewKeys.policy(s(p.accountId), s(p.policyName)), accountId: acct }];
    case 'PolicyAttached':
    case 'PolicyDetached': {
      const type = p.principalType as 'User' | 'Role';
      const key = ViewKeys.attachment(s(p.accountId), type, s(p.principalId), s(p.policyType), s(p.policyName));
      const data = { accountId: p.accountId, principalType: type, principalId: p.principalId, policyType: p.policyType, policyName: p.policyName };
      return [{ kind: 'attachment', key, accountId: acct, data: env.type === 'PolicyAttached' ? data : undefined }];
    }
    case 'SessionRevoked':
      return [{ kind: 'revoked-session', key: s(p.accessKeyId), accountId: acct, data: pick(p, ['accessKeyId', 'roleId', 'revokedAt']) }];
    case 'RoleSessionsRevoked':
      return [{ kind: 'role-revocation', key: s(p.roleId), accountId: acct, data: pick(p, ['roleId', 'issuedBefore']) }];
    default:
      return [];
  }
}

function policyDefault(p: P, versionId: string, document: string): ViewChange {
  return {
    kind: 'policy',
    key: ViewKeys.policy(s(p.accountId), s(p.policyName)),
    accountId: s(p.accountId),
    data: { accountId: p.accountId, policyName: p.policyName, defaultVersionId: versionId, document },
  };
}

function pick(p: P, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (p[k] !== undefined) out[k] = p[k];
  return out;
}
