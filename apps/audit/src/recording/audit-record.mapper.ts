import { rootArn, userArn } from '@opensts/sts-core/arn';
import type { AuditRecordV1, EventEnvelope } from '@opensts/sts-core/events';

type Detail = Record<string, string | number | boolean>;
interface Mapping {
  action: string;
  resource?: (p: Record<string, unknown>) => string | undefined;
  outcome?: (p: Record<string, unknown>) => AuditRecordV1['outcome'];
  /** When the action depends on the payload (AssumeRole* by mechanism). */
  actionOf?: (p: Record<string, unknown>) => string;
  /** Whitelisted, non-secret payload fields copied into the record. */
  detail?: string[];
  /** Whitelisted fields of a nested object, copied as `<object>.<field>`. */
  nestedDetail?: Readonly<Record<string, readonly string[]>>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ramArn = (kind: string, nameField: string) => (p: Record<string, unknown>) =>
  p.accountId && p[nameField] ? `acs:ram::${String(p.accountId)}:${kind}/${String(p[nameField])}` : undefined;

/** The user an AccessKey belongs to, or the account root. */
function accessKeyOwner(p: Record<string, unknown>): string | undefined {
  const owner = p.owner as { type?: string; userName?: string } | undefined;
  if (!p.accountId || !owner) return undefined;
  return owner.type === 'User' && owner.userName ? userArn(String(p.accountId), owner.userName) : rootArn(String(p.accountId));
}

/** A policy's ARN: a System policy's lives in the `system` namespace, not the caller's account (ram-policy.md). */
const policyArn = (p: Record<string, unknown>) =>
  p.policyName ? `acs:ram::${p.policyType === 'System' ? 'system' : String(p.accountId ?? '')}:policy/${String(p.policyName)}` : undefined;

/** Attach/Detach name the principal's kind, as the RAM actions do (AttachPolicyToUser, DetachPolicyFromRole). */
const attachmentAction = (verb: 'Attach' | 'Detach') => (p: Record<string, unknown>) =>
  `ram:${verb}Policy${verb === 'Attach' ? 'To' : 'From'}${p.principalType === 'Role' ? 'Role' : 'User'}`;

/** AssumeRole* events name the action their mechanism was. */
const mechanismAction = (p: Record<string, unknown>) => `sts:${str(p.mechanism) ?? 'AssumeRole'}`;

/** Event type -> what it means as an API action. Secrets never appear: only listed fields are copied. */
const MAPPINGS: Record<string, Mapping> = {
  AccountCreated: { action: 'ram:CreateAccount', resource: (p) => `acs:ram::${String(p.accountId)}:root` },
  UserCreated: { action: 'ram:CreateUser', resource: ramArn('user', 'userName'), detail: ['userId'] },
  UserUpdated: { action: 'ram:UpdateUser', resource: ramArn('user', 'userName'), detail: ['userId', 'previousUserName'] },
  UserDeleted: { action: 'ram:DeleteUser', resource: ramArn('user', 'userName'), detail: ['userId'] },
  // the key's owner, a user or the account root, is its resource
  AccessKeyCreated: { action: 'ram:CreateAccessKey', resource: accessKeyOwner, detail: ['accessKeyId', 'status'] },
  AccessKeyStatusChanged: { action: 'ram:UpdateAccessKey', resource: accessKeyOwner, detail: ['accessKeyId', 'status'] },
  AccessKeyDeleted: { action: 'ram:DeleteAccessKey', resource: accessKeyOwner, detail: ['accessKeyId'] },
  // an operator's `npm run cli -- reseal` (ADR 0010): no API action, the key's id only
  AccessKeyResealed: { action: 'opensts:ResealAccessKey', detail: ['accessKeyId'] },
  RoleCreated: { action: 'ram:CreateRole', resource: (p) => str(p.arn), detail: ['roleId', 'maxSessionDuration'] },
  RoleUpdated: { action: 'ram:UpdateRole', resource: (p) => str(p.arn), detail: ['roleId', 'maxSessionDuration'] },
  RoleDeleted: { action: 'ram:DeleteRole', resource: ramArn('role', 'roleName'), detail: ['roleId'] },
  SamlProviderCreated: { action: 'ims:CreateSAMLProvider', resource: (p) => str(p.arn) },
  SamlProviderUpdated: { action: 'ims:UpdateSAMLProvider', resource: (p) => str(p.arn) },
  SamlProviderDeleted: { action: 'ims:DeleteSAMLProvider', resource: (p) => str(p.arn) },
  OidcProviderCreated: { action: 'ims:CreateOIDCProvider', resource: (p) => str(p.arn), detail: ['issuerUrl'] },
  OidcProviderUpdated: { action: 'ims:UpdateOIDCProvider', resource: (p) => str(p.arn) },
  OidcProviderDeleted: { action: 'ims:DeleteOIDCProvider', resource: (p) => str(p.arn) },
  PolicyCreated: { action: 'ram:CreatePolicy', resource: ramArn('policy', 'policyName'), detail: ['defaultVersionId'] },
  PolicyVersionCreated: { action: 'ram:CreatePolicyVersion', resource: ramArn('policy', 'policyName'), detail: ['versionId', 'isDefaultVersion'] },
  PolicyDefaultVersionSet: { action: 'ram:SetDefaultPolicyVersion', resource: ramArn('policy', 'policyName'), detail: ['versionId'] },
  PolicyVersionDeleted: { action: 'ram:DeletePolicyVersion', resource: ramArn('policy', 'policyName'), detail: ['versionId'] },
  PolicyDeleted: { action: 'ram:DeletePolicy', resource: ramArn('policy', 'policyName') },
  PolicyDescriptionUpdated: { action: 'ram:UpdatePolicyDescription', resource: ramArn('policy', 'policyName') },
  PolicyAttached: { action: 'ram:AttachPolicyToUser', actionOf: attachmentAction('Attach'), resource: policyArn, detail: ['policyType', 'principalType', 'principalName'] },
  PolicyDetached: { action: 'ram:DetachPolicyFromUser', actionOf: attachmentAction('Detach'), resource: policyArn, detail: ['policyType', 'principalType', 'principalName'] },
  SessionIssued: {
    action: 'sts:AssumeRole',
    actionOf: mechanismAction,
    resource: (p) => str(p.roleArn),
    detail: ['accessKeyId', 'roleSessionName', 'expiration', 'sourceIdentity', 'mechanism'],
    // who the SAML/OIDC provider vouched for: the session name of an OIDC session is the caller's choice
    nestedDetail: { federatedIdentity: ['issuer', 'subject'] },
  },
  SessionRevoked: { action: 'sts:RevokeSession', resource: (p) => str(p.roleArn), detail: ['accessKeyId', 'reason'] },
  RoleSessionsRevoked: { action: 'sts:RevokeRoleSessions', resource: (p) => str(p.roleArn), detail: ['issuedBefore'] },
  AssumeRoleRefused: { action: 'sts:AssumeRole', actionOf: mechanismAction, resource: (p) => str(p.roleArn), outcome: () => 'Denied', detail: ['errorCode', 'roleSessionName'] },
  ApiCallCompleted: {
    action: 'api:Call',
    outcome: (p) => (typeof p.httpStatus === 'number' && p.httpStatus >= 400 ? (p.httpStatus === 403 ? 'Denied' : 'Failed') : 'Success'),
    // accessKeyId: the one the caller claimed, kept when no principal was authenticated too
    detail: ['action', 'version', 'product', 'httpStatus', 'errorCode', 'durationMs', 'sourceIp', 'accessKeyId'],
  },
};

function principalOf(p: Record<string, unknown>): AuditRecordV1['principal'] {
  const caller = p.caller as Record<string, unknown> | undefined;
  if (caller && typeof caller.arn === 'string') return { type: String(caller.type ?? 'Unknown'), arn: caller.arn };
  if (typeof p.principalArn === 'string') return { type: 'Caller', arn: p.principalArn, accessKeyId: str(p.accessKeyId) };
  return undefined;
}

/** Pure: the audit record for one domain event. `recordId` is supplied so the mapping stays deterministic. */
export function toAuditRecord(env: EventEnvelope, recordId: string): AuditRecordV1 {
  const p = (env.payload ?? {}) as Record<string, unknown>;
  const m = MAPPINGS[env.type] ?? { action: `opensts:${env.type}` };
  const detail: Detail = {};
  for (const field of m.detail ?? []) {
    const v = p[field];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') detail[field] = v;
  }
  for (const [object, fields] of Object.entries(m.nestedDetail ?? {})) {
    const nested = p[object];
    if (typeof nested !== 'object' || nested === null) continue;
    for (const field of fields) {
      const v = (nested as Record<string, unknown>)[field];
      if (typeof v === 'string') detail[`${object}.${field}`] = v;
    }
  }
  return {
    recordId,
    sourceEventId: env.eventId,
    sourceEventType: env.type,
    occurredAt: env.occurredAt,
    accountId: env.accountId,
    requestId: env.requestId,
    action: env.type === 'ApiCallCompleted' ? `${String(p.product ?? 'api').toLowerCase()}:${String(p.action)}` : (m.actionOf?.(p) ?? m.action),
    outcome: m.outcome?.(p) ?? 'Success',
    principal: principalOf(p),
    resource: m.resource?.(p),
    errorCode: str(p.errorCode),
    detail: Object.keys(detail).length ? detail : undefined,
  };
}
