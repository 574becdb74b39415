import type { EventEnvelope } from '@opensts/sts-core/events';
import { toAuditRecord } from './audit-record.mapper';

const envelope = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
  eventId: '01890000-0000-7000-8000-000000000001',
  type,
  schemaVersion: 1,
  occurredAt: '2026-11-28T10:00:00.000Z',
  aggregateType: 'X',
  aggregateId: 'x',
  aggregateVersion: 0,
  accountId: '1234567890123456',
  requestId: 'REQ-1',
  payload,
});

describe('toAuditRecord', () => {
  it('describes an AccessKey creation without its sealed secret', () => {
    const sut = toAuditRecord(
      envelope('AccessKeyCreated', { accountId: '1234567890123456', accessKeyId: 'LTAI0000', status: 'Active', sealedSecret: 'SEALED', owner: { type: 'Account' } }),
      'rec-1',
    );
    expect(sut).toMatchObject({ action: 'ram:CreateAccessKey', outcome: 'Success', requestId: 'REQ-1', accountId: '1234567890123456', detail: { accessKeyId: 'LTAI0000', status: 'Active' } });
    expect(JSON.stringify(sut)).not.toContain('SEALED');
  });

  it("records an operator's re-seal of an AccessKey with the key's id and without its sealed secret", () => {
    const sut = toAuditRecord(envelope('AccessKeyResealed', { accountId: '1234567890123456', accessKeyId: 'LTAI0000', status: 'Active', sealedSecret: 'SEALED-B', owner: { type: 'Account' } }), 'rec-3');
    expect(sut).toMatchObject({ action: 'opensts:ResealAccessKey', outcome: 'Success', detail: { accessKeyId: 'LTAI0000' } });
    expect(JSON.stringify(sut)).not.toContain('SEALED');
  });

  it('records a refused AssumeRole as Denied with its error code and the role as resource', () => {
    const sut = toAuditRecord(envelope('AssumeRoleRefused', { roleArn: 'acs:ram::1:role/r', errorCode: 'NoPermission', caller: { type: 'RAMUser', arn: 'acs:ram::1:user/u' } }), 'rec-2');
    expect(sut).toMatchObject({ action: 'sts:AssumeRole', outcome: 'Denied', errorCode: 'NoPermission', resource: 'acs:ram::1:role/r', principal: { arn: 'acs:ram::1:user/u' } });
  });

  it('records a federated session under its own action, with the provider as principal and the person it vouched for', () => {
    const provider = { type: 'OIDCProvider', arn: 'acs:ram::1:oidc-provider/gh' };
    const sut = toAuditRecord(
      envelope('SessionIssued', {
        accessKeyId: 'STS.X', roleArn: 'acs:ram::1:role/r', roleSessionName: 'anything', mechanism: 'AssumeRoleWithOIDC', caller: provider,
        federatedIdentity: { issuer: 'https://issuer.example', subject: 'repo:acme/app' },
      }),
      'rec-4',
    );
    expect(sut).toMatchObject({
      action: 'sts:AssumeRoleWithOIDC', principal: provider, resource: 'acs:ram::1:role/r',
      detail: { 'federatedIdentity.issuer': 'https://issuer.example', 'federatedIdentity.subject': 'repo:acme/app', roleSessionName: 'anything' },
    });
    expect(toAuditRecord(envelope('AssumeRoleRefused', { roleArn: 'r', mechanism: 'AssumeRoleWithSAML', errorCode: 'AuthenticationFail.SAMLAssertion.Invalid' }), 'rec-5')).toMatchObject({
      action: 'sts:AssumeRoleWithSAML', outcome: 'Denied',
    });
  });

  it('names the resource of a user event by its ARN', () => {
    expect(toAuditRecord(envelope('UserCreated', { accountId: '1234567890123456', userName: 'alice', userId: '9' }), 'r').resource).toBe('acs:ram::1234567890123456:user/alice');
  });

  it('classifies gateway API calls by status', () => {
    const denied = toAuditRecord(envelope('ApiCallCompleted', { product: 'Sts', action: 'AssumeRole', httpStatus: 403, errorCode: 'NoPermission' }), 'r');
    const ok = toAuditRecord(envelope('ApiCallCompleted', { product: 'Ram', action: 'ListUsers', httpStatus: 200 }), 'r');
    expect([denied.action, denied.outcome, ok.action, ok.outcome]).toEqual(['sts:AssumeRole', 'Denied', 'ram:ListUsers', 'Success']);
  });

  it('keeps the AccessKeyId a refused caller claimed, so a run of bad signatures can be traced to the key', () => {
    const refused = toAuditRecord(envelope('ApiCallCompleted', { product: 'Sts', action: 'GetCallerIdentity', httpStatus: 400, errorCode: 'SignatureDoesNotMatch', accessKeyId: 'LTAI5tClaimed000000000000' }), 'r');
    expect(refused.principal).toBeUndefined(); // nobody was authenticated
    expect(refused.detail).toMatchObject({ accessKeyId: 'LTAI5tClaimed000000000000', errorCode: 'SignatureDoesNotMatch' });
  });

  it('names attachments by the RAM action and a System policy by its system ARN', () => {
    const attached = toAuditRecord(envelope('PolicyAttached', { accountId: '1234567890123456', policyName: 'AdministratorAccess', policyType: 'System', principalType: 'Role', principalName: 'deployer', principalId: '3', attachDate: 'x' }), 'r');
    const detached = toAuditRecord(envelope('PolicyDetached', { accountId: '1234567890123456', policyName: 'mine', policyType: 'Custom', principalType: 'User', principalName: 'alice', principalId: '9', attachDate: 'x' }), 'r');
    expect([attached.action, attached.resource]).toEqual(['ram:AttachPolicyToRole', 'acs:ram::system:policy/AdministratorAccess']);
    expect([detached.action, detached.resource]).toEqual(['ram:DetachPolicyFromUser', 'acs:ram::1234567890123456:policy/mine']);
    expect(toAuditRecord(envelope('PolicyDescriptionUpdated', { accountId: '1234567890123456', policyName: 'mine', updateDate: 'x' }), 'r')).toMatchObject({ action: 'ram:UpdatePolicyDescription', resource: 'acs:ram::1234567890123456:policy/mine' });
  });

  it('names the owner of an AccessKey, a user or the root, as the resource of its records', () => {
    const user = toAuditRecord(envelope('AccessKeyCreated', { accountId: '1234567890123456', accessKeyId: 'LTAI1', owner: { type: 'User', userId: '9', userName: 'alice' }, status: 'Active' }), 'r');
    const root = toAuditRecord(envelope('AccessKeyDeleted', { accountId: '1234567890123456', accessKeyId: 'LTAI2', owner: { type: 'Account' } }), 'r');
    expect([user.resource, root.resource]).toEqual(['acs:ram::1234567890123456:user/alice', 'acs:ram::1234567890123456:root']);
  });

  it('keeps unknown event types instead of dropping them', () => {
    expect(toAuditRecord(envelope('SomethingNew', {}), 'r').action).toBe('opensts:SomethingNew');
  });
});
