import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { KeyRing, SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';

export const ACCOUNT = '1234567890123456';
export const OTHER_ACCOUNT = '6543210987654321';

export const masterRing = (): KeyRing => new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1');

let version = 0;
/** An envelope as a producer would publish it; versions increase so later calls are newer. */
export function envelope(type: string, payload: Record<string, unknown>, aggregateId = 'x', aggregateVersion = ++version): EventEnvelope {
  return { eventId: uuidv7(), type, schemaVersion: 1, occurredAt: new Date().toISOString(), aggregateType: 'T', aggregateId, aggregateVersion, accountId: String(payload.accountId ?? ACCOUNT), payload };
}

export const events = {
  account: (accountId = ACCOUNT) => envelope('AccountCreated', { accountId, createDate: '2026-01-01T00:00:00Z' }, accountId),
  rootKey: (box: SecretBox, accessKeyId: string, secret: string, accountId = ACCOUNT) =>
    envelope('AccessKeyCreated', { accountId, accessKeyId, owner: { type: 'Account' }, status: 'Active', sealedSecret: JSON.stringify(box.seal(secret, accessKeyId)), createDate: 'x' }, accessKeyId),
  userKey: (box: SecretBox, accessKeyId: string, secret: string, userId: string, userName: string, accountId = ACCOUNT) =>
    envelope('AccessKeyCreated', { accountId, accessKeyId, owner: { type: 'User', userId, userName }, status: 'Active', sealedSecret: JSON.stringify(box.seal(secret, accessKeyId)), createDate: 'x' }, accessKeyId),
  keyStatus: (accessKeyId: string, status: 'Active' | 'Inactive', accountId = ACCOUNT) => envelope('AccessKeyStatusChanged', { accountId, accessKeyId, status, owner: { type: 'Account' } }, accessKeyId),
  keyDeleted: (accessKeyId: string, accountId = ACCOUNT) => envelope('AccessKeyDeleted', { accountId, accessKeyId, owner: { type: 'Account' } }, accessKeyId),
  user: (userId: string, userName: string, accountId = ACCOUNT) => envelope('UserCreated', { accountId, userId, userName, createDate: 'x', updateDate: 'x' }, userId),
  role: (roleId: string, roleName: string, trust: string, accountId = ACCOUNT, maxSessionDuration = 3600) =>
    envelope('RoleCreated', { accountId, roleId, roleName, arn: `acs:ram::${accountId}:role/${roleName}`, assumeRolePolicyDocument: trust, maxSessionDuration, createDate: 'x', updateDate: 'x' }, roleId),
  roleDeleted: (roleId: string, roleName: string, accountId = ACCOUNT) => envelope('RoleDeleted', { accountId, roleId, roleName }, roleId),
  policy: (policyName: string, document: string, accountId = ACCOUNT) =>
    envelope('PolicyCreated', { accountId, policyName, policyType: 'Custom', defaultVersionId: 'v1', policyDocument: document, createDate: 'x' }, `${accountId}:${policyName}`),
  policyDefault: (policyName: string, versionId: string, document: string, accountId = ACCOUNT) =>
    envelope('PolicyDefaultVersionSet', { accountId, policyName, versionId, policyDocument: document }, `${accountId}:${policyName}`),
  attach: (policyType: 'System' | 'Custom', policyName: string, principalType: 'User' | 'Role', principalId: string, accountId = ACCOUNT) =>
    envelope('PolicyAttached', { accountId, policyName, policyType, principalType, principalId, principalName: 'n', attachDate: 'x' }, `${accountId}:${principalType}:${principalId}:${policyName}`),
  detach: (policyType: 'System' | 'Custom', policyName: string, principalType: 'User' | 'Role', principalId: string, accountId = ACCOUNT) =>
    envelope('PolicyDetached', { accountId, policyName, policyType, principalType, principalId, principalName: 'n', attachDate: 'x' }, `${accountId}:${principalType}:${principalId}:${policyName}`),
  sessionRevoked: (accessKeyId: string, roleId: string, accountId = ACCOUNT) =>
    envelope('SessionRevoked', { accessKeyId, accountId, roleId, roleArn: 'r', revokedAt: new Date().toISOString() }, `session-${accessKeyId}`),
  roleSessionsRevoked: (roleId: string, issuedBefore: Date, accountId = ACCOUNT) =>
    envelope('RoleSessionsRevoked', { accountId, roleId, roleArn: 'r', issuedBefore: issuedBefore.toISOString(), revokedAt: new Date().toISOString() }, `role-revocations-${roleId}`),
};

export const trustAccount = (accountId = ACCOUNT) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });

export const allow = (action: string, resource = '*') => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
export const deny = (action: string, resource = '*') => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: action, Resource: resource }] });
