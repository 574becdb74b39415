import { v7 as uuidv7 } from 'uuid';
import type { SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';

/** Directory events as identity-directory and policy publish them, for feeding libs/access views in tests. */
export const ACCOUNT = '1234567890123456';
export const ROOT_KEY = { accessKeyId: 'LTAI5tGatewayRoot0000000', accessKeySecret: 'GatewayRootSecret000000000000x' };
export const ALICE = { userId: '210000000000000001', userName: 'alice', accessKeyId: 'LTAI5tGatewayAlice000000', accessKeySecret: 'GatewayAliceSecret00000000000x' };
export const BOB = { userId: '210000000000000002', userName: 'bob', accessKeyId: 'LTAI5tGatewayBob00000000', accessKeySecret: 'GatewayBobSecret0000000000000x' };
export const ROLE = { roleId: '310000000000000001', roleName: 'deployer' };

let version = 0;
const envelope = (type: string, payload: Record<string, unknown>, aggregateId: string): EventEnvelope => ({
  eventId: uuidv7(),
  type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  aggregateType: 'T',
  aggregateId,
  aggregateVersion: ++version,
  accountId: ACCOUNT,
  payload,
});

const key = (box: SecretBox, accessKeyId: string, secret: string, owner: Record<string, string>, status = 'Active') =>
  envelope('AccessKeyCreated', { accountId: ACCOUNT, accessKeyId, owner, status, sealedSecret: JSON.stringify(box.seal(secret, accessKeyId)), createDate: 'x' }, accessKeyId);

export const directoryEvents = {
  account: () => envelope('AccountCreated', { accountId: ACCOUNT, createDate: '2026-01-01T00:00:00Z' }, ACCOUNT),
  rootKey: (box: SecretBox) => key(box, ROOT_KEY.accessKeyId, ROOT_KEY.accessKeySecret, { type: 'Account' }),
  user: (u: { userId: string; userName: string }) => envelope('UserCreated', { accountId: ACCOUNT, userId: u.userId, userName: u.userName, createDate: 'x', updateDate: 'x' }, u.userId),
  userKey: (box: SecretBox, u: typeof ALICE, status = 'Active') => key(box, u.accessKeyId, u.accessKeySecret, { type: 'User', userId: u.userId, userName: u.userName }, status),
  role: () =>
    envelope(
      'RoleCreated',
      {
        accountId: ACCOUNT,
        roleId: ROLE.roleId,
        roleName: ROLE.roleName,
        arn: `acs:ram::${ACCOUNT}:role/${ROLE.roleName}`,
        assumeRolePolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }] }),
        maxSessionDuration: 3600,
        createDate: 'x',
        updateDate: 'x',
      },
      ROLE.roleId,
    ),
  policy: (policyName: string, document: object) =>
    envelope('PolicyCreated', { accountId: ACCOUNT, policyName, policyType: 'Custom', defaultVersionId: 'v1', policyDocument: JSON.stringify(document), createDate: 'x' }, `${ACCOUNT}:${policyName}`),
  attach: (policyName: string, principalType: 'User' | 'Role', principalId: string) =>
    envelope(
      'PolicyAttached',
      { accountId: ACCOUNT, policyName, policyType: 'Custom', principalType, principalId, principalName: 'n', attachDate: 'x' },
      `${ACCOUNT}:${principalType}:${principalId}:${policyName}`,
    ),
};

export const statement = (effect: 'Allow' | 'Deny', action: string | string[], resource: string | string[] = '*') => ({
  Version: '1',
  Statement: [{ Effect: effect, Action: action, Resource: resource }],
});
