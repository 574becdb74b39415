import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { SecretBox } from '@opensts/sts-core/crypto';
import { EventEnvelope, Topics } from '@opensts/sts-core/events';
import type { OutgoingMessage } from '@opensts/platform';

/**
 * Identity and policy events as the directory services publish them (contracts in
 * libs/sts-core/src/events), for tests and benchmarks that need a directory without running one.
 */
export interface SeededDirectory {
  accountId: string;
  user: { userId: string; userName: string; accessKeyId: string; accessKeySecret: string };
  role: { roleId: string; roleName: string; arn: string };
  messages: OutgoingMessage[];
}

let version = 0;
const message = (topic: string, type: string, aggregateId: string, payload: Record<string, unknown>): OutgoingMessage => {
  const envelope: EventEnvelope = { eventId: uuidv7(), type, schemaVersion: 1, occurredAt: new Date().toISOString(), aggregateType: type, aggregateId, aggregateVersion: ++version, accountId: String(payload.accountId), payload };
  return { topic, key: aggregateId, envelope };
};

const base62 = (n: number) => [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');

/**
 * An account with a RAM user allowed to assume one role (AliyunSTSAssumeRoleAccess), the role
 * trusting the account, and a custom policy on the role allowing `roleAllows`.
 */
export function seedDirectory(box: SecretBox, options: { accountId?: string; roleName?: string; roleAllows?: string; maxSessionDuration?: number; trust?: string } = {}): SeededDirectory {
  const accountId = options.accountId ?? `1${String(Date.now()).slice(-9)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const userId = `2${accountId.slice(1)}1`;
  const roleId = `3${accountId.slice(1)}1`;
  const roleName = options.roleName ?? 'Deployer';
  const arn = `acs:ram::${accountId}:role/${roleName}`;
  const accessKeyId = `LTAI${base62(20)}`;
  const accessKeySecret = base62(30);
  const now = new Date().toISOString();
  const trust = options.trust ?? JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });
  const rolePolicy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: options.roleAllows ?? 'oss:GetObject', Resource: '*' }] });
  const attach = (policyType: string, policyName: string, principalType: string, principalId: string, principalName: string) =>
    message(Topics.policy, 'PolicyAttached', `${accountId}:${principalType}:${principalId}:${policyName}`, { accountId, policyName, policyType, principalType, principalId, principalName, attachDate: now });
  return {
    accountId,
    user: { userId, userName: 'alice', accessKeyId, accessKeySecret },
    role: { roleId, roleName, arn },
    messages: [
      message(Topics.identity, 'AccountCreated', accountId, { accountId, createDate: now }),
      message(Topics.identity, 'UserCreated', userId, { accountId, userId, userName: 'alice', createDate: now, updateDate: now }),
      message(Topics.identity, 'AccessKeyCreated', accessKeyId, {
        accountId,
        accessKeyId,
        owner: { type: 'User', userId, userName: 'alice' },
        status: 'Active',
        sealedSecret: JSON.stringify(box.seal(accessKeySecret, accessKeyId)),
        createDate: now,
      }),
      message(Topics.identity, 'RoleCreated', roleId, { accountId, roleId, roleName, arn, assumeRolePolicyDocument: trust, maxSessionDuration: options.maxSessionDuration ?? 3600, createDate: now, updateDate: now }),
      message(Topics.policy, 'PolicyCreated', `${accountId}:RoleAccess`, { accountId, policyName: 'RoleAccess', policyType: 'Custom', defaultVersionId: 'v1', policyDocument: rolePolicy, createDate: now }),
      attach('System', 'AliyunSTSAssumeRoleAccess', 'User', userId, 'alice'),
      attach('Custom', 'RoleAccess', 'Role', roleId, roleName),
    ],
  };
}

export interface SeededKey {
  accessKeyId: string;
  accessKeySecret: string;
}

/** The account's own AccessKey: whoever signs with it is the account root. */
export function seedRootAccessKey(box: SecretBox, accountId: string): { key: SeededKey; messages: OutgoingMessage[] } {
  const accessKeyId = `LTAI${base62(20)}`;
  const accessKeySecret = base62(30);
  const sealedSecret = JSON.stringify(box.seal(accessKeySecret, accessKeyId));
  const created = { accountId, accessKeyId, owner: { type: 'Account' }, status: 'Active', sealedSecret, createDate: new Date().toISOString() };
  return { key: { accessKeyId, accessKeySecret }, messages: [message(Topics.identity, 'AccessKeyCreated', accessKeyId, created)] };
}

let users = 0;

/** Another RAM user of the account with an AccessKey and, when given, a custom policy of its own. */
export function seedRamUser(box: SecretBox, accountId: string, userName: string, policyDocument?: object): { user: SeededDirectory['user']; messages: OutgoingMessage[] } {
  const userId = `2${accountId.slice(1, -3)}${String(++users % 1000).padStart(3, '0')}9`;
  const accessKeyId = `LTAI${base62(20)}`;
  const accessKeySecret = base62(30);
  const now = new Date().toISOString();
  const owner = { type: 'User', userId, userName };
  const messages = [
    message(Topics.identity, 'UserCreated', userId, { accountId, userId, userName, createDate: now, updateDate: now }),
    message(Topics.identity, 'AccessKeyCreated', accessKeyId, { accountId, accessKeyId, owner, status: 'Active', sealedSecret: JSON.stringify(box.seal(accessKeySecret, accessKeyId)), createDate: now }),
  ];
  if (policyDocument !== undefined) {
    const policyName = `${userName}-policy`.replace(/[^A-Za-z0-9-]/g, '-');
    messages.push(
      message(Topics.policy, 'PolicyCreated', `${accountId}:${policyName}`, { accountId, policyName, policyType: 'Custom', defaultVersionId: 'v1', policyDocument: JSON.stringify(policyDocument), createDate: now }),
      message(Topics.policy, 'PolicyAttached', `${accountId}:User:${userId}:${policyName}`, { accountId, policyName, policyType: 'Custom', principalType: 'User', principalId: userId, principalName: userName, attachDate: now }),
    );
  }
  return { user: { userId, userName, accessKeyId, accessKeySecret }, messages };
}

/** A policy detached from the seeded role (`RoleAccess` by default), as policy publishes it. */
export function detachFromRole(dir: SeededDirectory, policyName = 'RoleAccess', policyType = 'Custom'): OutgoingMessage {
  const { accountId, role } = dir;
  const detached = { accountId, policyName, policyType, principalType: 'Role', principalId: role.roleId, principalName: role.roleName, attachDate: new Date().toISOString() };
  return message(Topics.policy, 'PolicyDetached', `${accountId}:Role:${role.roleId}:${policyName}`, detached);
}
