import { SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { evaluatePolicySet } from '@opensts/sts-core/policy';
import { ACCOUNT, allow, deny, envelope, events, masterRing, OTHER_ACCOUNT, trustAccount } from '../../test/access-fixtures';
import { AccessIndex } from './access-index';
import { DirectoryView } from './directory-view';
import { projectEvent, PROJECTED_EVENT_TYPES } from './event-projection';
import { markerOf } from './view-change';

describe(DirectoryView.name, () => {
  let index: AccessIndex;
  let box: SecretBox;
  let sut: DirectoryView;
  const feed = (...envs: EventEnvelope[]) => envs.forEach((e) => projectEvent(e).forEach((c) => index.apply(c, markerOf(e))));

  beforeEach(() => {
    index = new AccessIndex();
    box = new SecretBox(masterRing());
    sut = new DirectoryView(index, box);
  });

  it('opens an AccessKey secret that travelled sealed, and follows its status', () => {
    feed(events.rootKey(box, 'LTAIroot', 'topsecret'));
    expect(sut.accessKey('LTAIroot')).toMatchObject({ accountId: ACCOUNT, status: 'Active', secret: 'topsecret', owner: { type: 'Account' } });
    feed(events.keyStatus('LTAIroot', 'Inactive'));
    expect(sut.accessKey('LTAIroot')?.status).toBe('Inactive');
    expect(sut.accessKey('LTAIroot')?.secret).toBe('topsecret');
    feed(events.keyDeleted('LTAIroot'));
    expect(sut.accessKey('LTAIroot')).toBeUndefined();
  });

  it('ignores a replayed older event after a newer one (no resurrection of a deleted key)', () => {
    const created = events.rootKey(box, 'LTAIk', 's');
    const deleted = events.keyDeleted('LTAIk');
    feed(created, deleted, created);
    expect(sut.accessKey('LTAIk')).toBeUndefined();
  });

  it('finds roles case-insensitively and compiles their trust policy', () => {
    feed(events.role('100', 'Deployer', trustAccount()));
    const role = sut.role(ACCOUNT, 'deployer');
    expect(role).toMatchObject({ roleId: '100', roleName: 'Deployer', maxSessionDuration: 3600 });
    expect(sut.role(OTHER_ACCOUNT, 'Deployer')).toBeUndefined();
    expect(sut.roleDeleted('100')).toBe(false);
    feed(events.roleDeleted('100', 'Deployer'));
    expect(sut.role(ACCOUNT, 'Deployer')).toBeUndefined();
    expect(sut.roleDeleted('100')).toBe(true);
  });

  it("gives a principal's attached policies, following attach, new default version and detach", () => {
    feed(events.user('7', 'alice'), events.policy('read', allow('oss:Get*')), events.attach('Custom', 'read', 'User', '7'), events.attach('System', 'AliyunSTSAssumeRoleAccess', 'User', '7'));
    const decide = (action: string) => evaluatePolicySet(sut.identityPolicies(ACCOUNT, { type: 'User', id: '7' }), { action, resource: '*' }).decision;
    expect([decide('oss:GetObject'), decide('sts:AssumeRole'), decide('ecs:RunInstances')]).toEqual(['Allow', 'Allow', 'ImplicitDeny']);
    feed(events.policyDefault('read', 'v2', deny('oss:Get*')));
    expect(decide('oss:GetObject')).toBe('ExplicitDeny');
    feed(events.detach('Custom', 'read', 'User', '7'));
    expect(decide('oss:GetObject')).toBe('ImplicitDeny');
    expect(sut.identityPolicies(OTHER_ACCOUNT, { type: 'User', id: '7' })).toHaveLength(0);
  });

  it('follows a policy deleted and re-created under the same name: a new aggregate whose versions start again at 1', () => {
    // what the policy service emits: aggregate ids are the policy id and `<policyId>:<type>:<principalId>`
    const at = (type: string, payload: Record<string, unknown>, aggregateId: string, version: number) => envelope(type, { accountId: ACCOUNT, ...payload }, aggregateId, version);
    const foo = { policyName: 'foo', policyType: 'Custom', principalType: 'User', principalId: '7', principalName: 'alice', attachDate: 'x' };
    const decide = () => evaluatePolicySet(sut.identityPolicies(ACCOUNT, { type: 'User', id: '7' }), { action: 'oss:GetObject', resource: '*' }).decision;
    const old = [
      at('PolicyCreated', { policyName: 'foo', policyType: 'Custom', defaultVersionId: 'v1', policyDocument: allow('oss:*'), createDate: 'x' }, 'policy-1', 1),
      at('PolicyAttached', foo, 'policy-1:User:7', 1),
      at('PolicyDetached', foo, 'policy-1:User:7', 2),
      at('PolicyDeleted', { policyName: 'foo' }, 'policy-1', 2),
    ];
    feed(events.user('7', 'alice'), old[0], old[1]);
    expect(decide()).toBe('Allow');
    feed(old[2], old[3]);
    expect(decide()).toBe('ImplicitDeny');
    feed(
      at('PolicyCreated', { policyName: 'foo', policyType: 'Custom', defaultVersionId: 'v1', policyDocument: deny('oss:*'), createDate: 'x' }, 'policy-2', 1),
      at('PolicyAttached', foo, 'policy-2:User:7', 1),
    );
    expect(decide()).toBe('ExplicitDeny');
    // a late replay of the old policy's events changes nothing
    feed(...old);
    expect(decide()).toBe('ExplicitDeny');
  });

  it('follows a SAML provider deleted and re-created under the same name', () => {
    const provider = (aggregateId: string, version: number, entityId: string) =>
      envelope('SamlProviderCreated', { accountId: ACCOUNT, samlProviderName: 'idp', arn: 'a', entityId, signingCertificates: [], encodedSamlMetadataDocument: 'x', createDate: 'x', updateDate: 'x' }, aggregateId, version);
    feed(provider('p-1', 1, 'https://old'), envelope('SamlProviderDeleted', { accountId: ACCOUNT, samlProviderName: 'idp', arn: 'a' }, 'p-1', 2));
    feed(provider('p-2', 1, 'https://new'));
    expect(sut.samlProvider(ACCOUNT, 'idp')?.entityId).toBe('https://new');
  });

  it('resolves a name to the live entity when another one that held it is retired late (another partition)', () => {
    // role 100 'deploy' deleted and a new role 200 'deploy' created; the deletion is consumed last
    feed(events.role('100', 'deploy', trustAccount()), events.role('200', 'deploy', trustAccount()), events.roleDeleted('100', 'deploy'));
    expect(sut.role(ACCOUNT, 'deploy')?.roleId).toBe('200');
    // user 7 'alice' renamed 'bob' and a new user 8 'alice' created; the rename is consumed last
    feed(events.user('7', 'alice'), events.user('8', 'alice'));
    feed(envelope('UserUpdated', { accountId: ACCOUNT, userId: '7', userName: 'bob', previousUserName: 'alice' }, '7'));
    expect(sut.userByName(ACCOUNT, 'alice')?.userId).toBe('8');
    expect(sut.userByName(ACCOUNT, 'bob')?.userId).toBe('7');
  });

  it('resolves users by their current name after a rename', () => {
    feed(events.user('7', 'alice'), envelope('UserUpdated', { accountId: ACCOUNT, userId: '7', userName: 'alicia', previousUserName: 'alice' }, '7'));
    expect(sut.userByName(ACCOUNT, 'alice')).toBeUndefined();
    expect(sut.userByName(ACCOUNT, 'ALICIA')?.userId).toBe('7');
  });
});

describe('PROJECTED_EVENT_TYPES', () => {
  it('lists exactly the event types the projection reads', () => {
    const all = ['AccountCreated', 'AccessKeyCreated', 'AccessKeyStatusChanged', 'AccessKeyResealed', 'AccessKeyDeleted', 'UserCreated', 'UserUpdated', 'UserDeleted', 'RoleCreated', 'RoleUpdated', 'RoleDeleted', 'SamlProviderCreated', 'SamlProviderUpdated', 'SamlProviderDeleted', 'OidcProviderCreated', 'OidcProviderUpdated', 'OidcProviderDeleted', 'PolicyCreated', 'PolicyVersionCreated', 'PolicyDefaultVersionSet', 'PolicyDeleted', 'PolicyAttached', 'PolicyDetached', 'SessionRevoked', 'RoleSessionsRevoked', 'SessionIssued', 'PolicyVersionDeleted', 'AssumeRoleRefused', 'ApiCallCompleted'];
    const payload = { accountId: '1', accessKeyId: 'k', userId: 'u', userName: 'n', roleId: 'r', roleName: 'n', policyName: 'p', principalType: 'User', principalId: 'u', policyType: 'Custom', isDefaultVersion: true, samlProviderName: 's', oidcProviderName: 'o' };
    const projected = all.filter((type) => projectEvent(envelope(type, payload)).length > 0);
    expect([...projected].sort()).toEqual([...PROJECTED_EVENT_TYPES].sort());
  });
});
