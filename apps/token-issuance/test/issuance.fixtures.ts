import type { IssuanceEvent, SessionIssuedV2 } from '@opensts/sts-core/events';

export const ACCOUNT = '1234567890123456';
export const ROLE = { accountId: ACCOUNT, roleId: '344584339364951186', roleName: 'AdminRole', arn: `acs:ram::${ACCOUNT}:role/AdminRole`, maxSessionDuration: 7200 };

let seq = 0;
/** A fresh temporary AccessKeyId in the real format (STS. + 24 base62). */
export const stsKeyId = (): string => `STS.${String(++seq).padStart(8, '0')}${'A'.repeat(16)}`;

export function sessionIssued(overrides: Partial<SessionIssuedV2> = {}, now = new Date()): IssuanceEvent {
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return {
    type: 'SessionIssued',
    schemaVersion: 2,
    payload: {
      accessKeyId: stsKeyId(),
      accountId: ROLE.accountId,
      roleId: ROLE.roleId,
      roleName: ROLE.roleName,
      roleArn: ROLE.arn,
      roleSessionName: 'alice',
      mechanism: 'AssumeRole',
      caller: { type: 'RAMUser', arn: `acs:ram::${ACCOUNT}:user/alice` },
      hasSessionPolicy: false,
      issuedAt: issuedAt.toISOString().replace('.000Z', 'Z'),
      expiration: new Date(issuedAt.getTime() + 3_600_000).toISOString().replace('.000Z', 'Z'),
      durationSeconds: 3600,
      ...overrides,
    },
  };
}
