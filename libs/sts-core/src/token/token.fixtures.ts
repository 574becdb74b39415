import { randomBytes } from 'node:crypto';
import { KeyRing } from '../crypto';
import type { SessionClaims } from './session-claims';

/** Test data shared by the token specs (not exported from the module). */
export const NOW = new Date('2026-03-01T10:00:00Z');

export const ringOf = (...ids: string[]): KeyRing => new KeyRing(ids.map((id) => ({ id, key: randomBytes(32) })), ids[0]);

/** About 1 KB, shaped like the session policies clients send (ram-policy.md §7). */
export const ONE_KB_POLICY = JSON.stringify({
  Version: '1',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['oss:GetObject', 'oss:PutObject', 'oss:ListObjects', 'oss:DeleteObject'],
      Resource: ['acs:oss:*:*:analytics-landing/*', 'acs:oss:*:*:analytics-landing'],
      Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] }, Bool: { 'acs:SecureTransport': 'true' } },
    },
    { Effect: 'Deny', Action: ['ecs:DeleteInstance', 'ecs:StopInstance'], Resource: ['acs:ecs:cn-hangzhou:1234567890123456:instance/*'] },
    {
      Effect: 'Allow',
      Action: ['log:GetLogStore', 'log:ListLogStores', 'log:PostLogStoreLogs', 'log:GetLogStoreLogs'],
      Resource: ['acs:log:*:*:project/payments-prod/logstore/*', 'acs:log:*:*:project/payments-staging/logstore/*'],
    },
    {
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: ['acs:kms:cn-shanghai:1234567890123456:key/key-shh5f0a1b2c3d4e5f6', 'acs:kms:cn-beijing:1234567890123456:key/key-bjj6a7b8c9d0e1f2a3'],
      Condition: { StringEquals: { 'acs:CurrentRegion': ['cn-shanghai', 'cn-beijing'] } },
    },
    { Effect: 'Allow', Action: ['ecs:Describe*', 'vpc:Describe*'], Resource: ['*'] },
  ],
});

export const claimsFixture = (overrides: Partial<SessionClaims> = {}): SessionClaims => ({
  accessKeyId: 'STS.L4aBSCSJVMuKg5U1xxxxAbCd',
  mechanism: 'AssumeRole',
  accountId: '1234567890123456',
  roleId: '344584339364951186',
  roleName: 'adminrole',
  roleSessionName: 'alice',
  caller: { type: 'RAMUser', arn: 'acs:ram::1234567890123456:user/alice' },
  issuedAt: NOW,
  expiresAt: new Date(NOW.getTime() + 3600_000),
  ...overrides,
});
