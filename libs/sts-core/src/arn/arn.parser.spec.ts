import { parseArn, parseArnOfKind } from './arn.parser';
import type { Arn } from './arn.types';

const ACCT = '1234567890123456';

describe(parseArn.name, () => {
  const sut = parseArn;

  it.each<[string, Arn]>([
    [`acs:ram::${ACCT}:root`, { kind: 'root', accountId: ACCT }],
    [`acs:ram::${ACCT}:user/alice.smith_01-x`, { kind: 'user', accountId: ACCT, userName: 'alice.smith_01-x' }],
    [`acs:ram::${ACCT}:role/AdminRole`, { kind: 'role', accountId: ACCT, roleName: 'AdminRole' }],
    [
      `acs:ram::${ACCT}:role/adminrole/alice@corp`,
      { kind: 'assumed-role', accountId: ACCT, roleName: 'adminrole', sessionName: 'alice@corp', form: 'role' },
    ],
    [
      `acs:ram::${ACCT}:assumed-role/test-rrsa/test_rrsa.1`,
      { kind: 'assumed-role', accountId: ACCT, roleName: 'test-rrsa', sessionName: 'test_rrsa.1', form: 'assumed-role' },
    ],
    [`acs:ram::${ACCT}:saml-provider/okta.corp`, { kind: 'saml-provider', accountId: ACCT, providerName: 'okta.corp' }],
    [`acs:ram::${ACCT}:oidc-provider/ack-rrsa_1`, { kind: 'oidc-provider', accountId: ACCT, providerName: 'ack-rrsa_1' }],
    [`acs:ram::${ACCT}:policy/ReadOnly-2`, { kind: 'policy', accountId: ACCT, policyName: 'ReadOnly-2' }],
    [`acs:ram::system:policy/AliyunSTSAssumeRoleAccess`, { kind: 'policy', accountId: 'system', policyName: 'AliyunSTSAssumeRoleAccess' }],
    [`acs:ram::${ACCT}:group/dev_ops.team`, { kind: 'group', accountId: ACCT, groupName: 'dev_ops.team' }],
    [
      'acs:oss:*:*:mybucket/dir1/obj.jpg',
      { kind: 'generic', service: 'oss', region: '*', accountId: '*', resource: 'mybucket/dir1/obj.jpg' },
    ],
    [
      `acs:ecs:cn-hangzhou:${ACCT}:instance/i-1:extra`,
      { kind: 'generic', service: 'ecs', region: 'cn-hangzhou', accountId: ACCT, resource: 'instance/i-1:extra' },
    ],
    [`acs:ram:*:${ACCT}:role/x`, { kind: 'generic', service: 'ram', region: '*', accountId: ACCT, resource: 'role/x' }],
    [`acs:ram::${ACCT}:role/*`, { kind: 'generic', service: 'ram', region: '', accountId: ACCT, resource: 'role/*' }],
    [`acs:ram::*:root`, { kind: 'generic', service: 'ram', region: '', accountId: '*', resource: 'root' }],
    [`acs:ram::${ACCT}:mfa/dev`, { kind: 'generic', service: 'ram', region: '', accountId: ACCT, resource: 'mfa/dev' }],
  ])('parses %s', (input, expected) => {
    expect(sut(input)).toEqual({ ok: true, arn: expected });
  });

  it.each([
    ['', 'not-an-arn'],
    ['arn:aws:iam::123456789012:role/x', 'not-an-arn'],
    ['acs:ram::1234567890123456', 'not-an-arn'],
    ['acs:ram::1234567890123456:', 'not-an-arn'],
    ['acs:RAM::1234567890123456:root', 'not-an-arn'],
    ['acs:ram:CN:1234567890123456:root', 'not-an-arn'],
    ['acs:ram::12345abc90123456:root', 'not-an-arn'],
    ['acs:ram::12345678901:root', 'invalid-account-id'],
    ['acs:ram::123456789012345678901:role/x', 'invalid-account-id'],
    ['acs:ram::system:role/x', 'invalid-account-id'],
    [`acs:ram::${ACCT}:role/`, 'invalid-name'],
    [`acs:ram::${ACCT}:role/bad_underscore`, 'invalid-name'],
    [`acs:ram::${ACCT}:role/${'r'.repeat(65)}`, 'invalid-name'],
    [`acs:ram::${ACCT}:user/al ice`, 'invalid-name'],
    [`acs:ram::${ACCT}:user/a/b`, 'invalid-name'],
    [`acs:ram::${ACCT}:policy/no.dots`, 'invalid-name'],
    [`acs:ram::${ACCT}:saml-provider/-edge`, 'invalid-name'],
    [`acs:ram::${ACCT}:oidc-provider/edge_`, 'invalid-name'],
    [`acs:ram::${ACCT}:oidc-provider/${'p'.repeat(129)}`, 'invalid-name'],
    [`acs:ram::${ACCT}:role/r/s`, 'invalid-session-name'],
    [`acs:ram::${ACCT}:role/r/s!x`, 'invalid-session-name'],
    [`acs:ram::${ACCT}:assumed-role/r/${'s'.repeat(65)}`, 'invalid-session-name'],
    [`acs:ram::${ACCT}:assumed-role/r`, 'invalid-name'],
    [`acs:ram::${ACCT}:role/r/s1/extra`, 'invalid-name'],
  ])('rejects %j as %s', (input, reason) => {
    expect(sut(input)).toMatchObject({ ok: false, reason });
  });

  it('accepts the documented length bounds', () => {
    expect(sut(`acs:ram::${ACCT}:role/${'r'.repeat(64)}/${'s'.repeat(64)}`).ok).toBe(true);
    expect(sut(`acs:ram::${ACCT}:role/r/ss`).ok).toBe(true);
    expect(sut(`acs:ram::${ACCT}:oidc-provider/${'p'.repeat(128)}`).ok).toBe(true);
    expect(sut(`acs:ram::${'9'.repeat(20)}:root`).ok).toBe(true);
  });

  it('does not throw on a non-string (untrusted JSON input)', () => {
    expect(sut(42 as unknown as string)).toMatchObject({ ok: false, reason: 'not-an-arn' });
  });
});

describe(parseArnOfKind.name, () => {
  const sut = parseArnOfKind;

  it('returns the ARN when the kind matches', () => {
    expect(sut('user', `acs:ram::${ACCT}:user/bob`)).toEqual({ ok: true, arn: { kind: 'user', accountId: ACCT, userName: 'bob' } });
  });

  it('refuses another kind', () => {
    expect(sut('role', `acs:ram::${ACCT}:role/r/session`)).toMatchObject({ ok: false, reason: 'unexpected-kind' });
  });
});
