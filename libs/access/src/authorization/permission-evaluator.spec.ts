import { SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { accountPrincipal, assumedRolePrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import type { SessionClaims } from '@opensts/sts-core/token';
import { ACCOUNT, allow, deny, events, masterRing, OTHER_ACCOUNT, trustAccount } from '../../test/access-fixtures';
import { AccessIndex } from '../directory/access-index';
import { DirectoryView } from '../directory/directory-view';
import { projectEvent } from '../directory/event-projection';
import { markerOf } from '../directory/view-change';
import { PermissionEvaluator } from './permission-evaluator';

describe(PermissionEvaluator.name, () => {
  let index: AccessIndex;
  let sut: PermissionEvaluator;
  const feed = (...envs: EventEnvelope[]) => envs.forEach((e) => projectEvent(e).forEach((c) => index.apply(c, markerOf(e))));
  const session = (policy?: string): SessionClaims => ({
    accessKeyId: 'STS.AAAAAAAAAAAAAAAAAAAAAAAA', mechanism: 'AssumeRole', accountId: ACCOUNT, roleId: '100', roleName: 'reader', roleSessionName: 's',
    caller: { type: 'RAMUser', arn: 'a' }, policy, issuedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000),
  });
  const bucket = (name: string) => `acs:oss:*:${ACCOUNT}:${name}/key`;

  beforeEach(() => {
    index = new AccessIndex();
    sut = new PermissionEvaluator(new DirectoryView(index, new SecretBox(masterRing())));
    feed(
      events.user('7', 'alice'),
      events.role('100', 'reader', trustAccount()),
      events.policy('oss-read', allow('oss:Get*')),
      events.policy('no-secret', deny('oss:GetObject', `acs:oss:*:${ACCOUNT}:secret/*`)),
      events.attach('Custom', 'oss-read', 'Role', '100'),
      events.attach('Custom', 'oss-read', 'User', '7'),
      events.attach('Custom', 'no-secret', 'User', '7'),
    );
  });

  it('lets the account root act in its own account only', () => {
    const root = accountPrincipal(ACCOUNT, 'LTAI');
    expect(sut.evaluate(root, { action: 'ram:CreateUser', resource: `acs:ram:*:${ACCOUNT}:user/bob` }).decision).toBe('Allow');
    expect(sut.evaluate(root, { action: 'ram:CreateUser', resource: `acs:ram:*:${OTHER_ACCOUNT}:user/bob` }).decision).toBe('ImplicitDeny');
  });

  it("never lets a RAM user or a role session reach another account's resources, however wide its policies", () => {
    feed(events.policy('admin', allow('*')), events.attach('Custom', 'admin', 'User', '7'), events.attach('Custom', 'admin', 'Role', '100'));
    const alice = ramUserPrincipal(ACCOUNT, '7', 'alice', 'LTAI');
    const s = assumedRolePrincipal(session());
    const theirs = `acs:oss:*:${OTHER_ACCOUNT}:bucket/key`;
    for (const p of [alice, s]) {
      expect(sut.evaluate(p, { action: 'oss:GetObject', resource: bucket('x') }).decision).toBe('Allow');
      expect(sut.evaluate(p, { action: 'oss:GetObject', resource: `acs:oss:*:*:bucket/key` }).decision).toBe('Allow');
      expect(sut.evaluate(p, { action: 'oss:GetObject', resource: theirs }).decision).toBe('ImplicitDeny');
      expect(sut.evaluate(p, { action: 'oss:GetObject', resource: theirs.replace('acs:', 'ACS:') }).decision).toBe('ImplicitDeny');
      expect(sut.evaluate(p, { action: 'ram:DeleteUser', resource: `acs:ram::${OTHER_ACCOUNT}:user/bob` }).decision).toBe('ImplicitDeny');
    }
  });

  it("evaluates a RAM user's attached policies, with an explicit deny winning", () => {
    const alice = ramUserPrincipal(ACCOUNT, '7', 'alice', 'LTAI');
    expect(sut.evaluate(alice, { action: 'oss:GetObject', resource: bucket('public') })).toMatchObject({ decision: 'Allow', deciding: { policy: 'policy:Custom:oss-read' } });
    expect(sut.evaluate(alice, { action: 'oss:GetObject', resource: bucket('secret') })).toMatchObject({ decision: 'ExplicitDeny', deciding: { policy: 'policy:Custom:no-secret' } });
    expect(sut.evaluate(alice, { action: 'oss:PutObject', resource: bucket('public') }).decision).toBe('ImplicitDeny');
  });

  it("intersects a role session's current role policies with its session policy", () => {
    const narrowed = assumedRolePrincipal(session(allow('oss:GetObject', `acs:oss:*:${ACCOUNT}:public/*`)));
    const wide = assumedRolePrincipal(session(allow('*')));
    expect(sut.evaluate(narrowed, { action: 'oss:GetObject', resource: bucket('public') }).decision).toBe('Allow');
    expect(sut.evaluate(narrowed, { action: 'oss:GetObject', resource: bucket('other') }).decision).toBe('ImplicitDeny');
    // a session policy can only narrow: '*' does not grant what the role lacks
    expect(sut.evaluate(wide, { action: 'ecs:RunInstances', resource: '*' }).decision).toBe('ImplicitDeny');
  });

  it('applies a policy detached from the role to sessions already issued', () => {
    const s = assumedRolePrincipal(session());
    expect(sut.evaluate(s, { action: 'oss:GetObject', resource: bucket('x') }).decision).toBe('Allow');
    feed(events.detach('Custom', 'oss-read', 'Role', '100'));
    expect(sut.evaluate(s, { action: 'oss:GetObject', resource: bucket('x') }).decision).toBe('ImplicitDeny');
  });
});
