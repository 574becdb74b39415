import { authorizeAssumeRole, type AssumeRoleAuthorizationInput } from './assume-role.authorizer';
import { ACCOUNT, denyAll, identityPolicy, roleArn, sessionPolicy, trustPolicy } from '../testing/policy.fixtures';

const trustAccount = trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${ACCOUNT}:root` } });
const canAssume = identityPolicy('AliyunSTSAssumeRoleAccess', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' });
const given = (overrides: Partial<AssumeRoleAuthorizationInput> = {}): AssumeRoleAuthorizationInput => ({
  caller: { type: 'RamUser', accountId: ACCOUNT, userName: 'alice' },
  identityPolicies: [canAssume],
  roleArn: roleArn('deployer'),
  trustPolicy: trustAccount,
  ...overrides,
});

describe(authorizeAssumeRole.name, () => {
  const sut = authorizeAssumeRole;

  it('allows when the identity policies and the trust policy both allow', () => {
    const result = sut(given());
    expect(result).toMatchObject({ decision: 'Allow', identity: { decision: 'Allow' }, trust: { decision: 'Allow' } });
    expect(result.refusedBy).toBeUndefined();
  });

  it('refuses when the caller lacks sts:AssumeRole on the role ARN', () => {
    const other = identityPolicy('OnlyOther', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'acs:ram:*:*:role/other' });
    expect(sut(given({ identityPolicies: [other] }))).toMatchObject({ decision: 'ImplicitDeny', refusedBy: 'IdentityPolicy' });
    expect(sut(given({ identityPolicies: [] }))).toMatchObject({ decision: 'ImplicitDeny', refusedBy: 'IdentityPolicy' });
  });

  it('accepts the policy resource form acs:ram:*:<account>:role/<name> with wildcards', () => {
    const scoped = identityPolicy('Scoped', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram:*:${ACCOUNT}:role/deploy*` });
    expect(sut(given({ identityPolicies: [scoped] })).decision).toBe('Allow');
  });

  it('refuses when the trust policy does not name the caller', () => {
    const trustOther = trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${ACCOUNT}:user/bob` } });
    expect(sut(given({ trustPolicy: trustOther }))).toMatchObject({ decision: 'ImplicitDeny', refusedBy: 'TrustPolicy' });
  });

  it('lets an explicit Deny in the identity policies win over both Allows', () => {
    const deny = identityPolicy('DenyAll', denyAll);
    expect(sut(given({ identityPolicies: [canAssume, deny] }))).toMatchObject({ decision: 'ExplicitDeny', refusedBy: 'IdentityPolicy', deciding: { policy: 'DenyAll' } });
  });

  it('lets an explicit Deny in the trust policy win', () => {
    const trust = trustPolicy(
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${ACCOUNT}:root` } },
      { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${ACCOUNT}:root` }, Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
    );
    expect(sut(given({ trustPolicy: trust, context: { 'acs:SourceIp': '8.8.8.8' } }))).toMatchObject({ decision: 'ExplicitDeny', refusedBy: 'TrustPolicy' });
    expect(sut(given({ trustPolicy: trust, context: { 'acs:SourceIp': '10.0.0.8' } })).decision).toBe('Allow');
  });

  it("applies a role-session caller's own session policy", () => {
    const caller = { type: 'RoleSession', accountId: ACCOUNT, roleName: 'ci' } as const;
    const narrow = sessionPolicy({ Effect: 'Allow', Action: 'oss:*', Resource: '*' });
    expect(sut(given({ caller }))).toMatchObject({ decision: 'Allow' });
    expect(sut(given({ caller, sessionPolicy: narrow }))).toMatchObject({ decision: 'ImplicitDeny', refusedBy: 'IdentityPolicy' });
  });

  it('refuses the account root without evaluating anything', () => {
    expect(sut(given({ caller: { type: 'Root', accountId: ACCOUNT } }))).toEqual({ decision: 'ImplicitDeny', refusedBy: 'RootCaller' });
  });

  it('lets the trust policy alone decide for federated and service callers', () => {
    const idp = `acs:ram::${ACCOUNT}:oidc-provider/gh`;
    const trust = trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: idp, Service: 'ecs.aliyuncs.com' } });
    const oidc = sut(given({ caller: { type: 'Federated', protocol: 'OIDC', providerArn: idp }, identityPolicies: [], trustPolicy: trust }));
    expect(oidc).toMatchObject({ decision: 'Allow', trust: { decision: 'Allow' } });
    expect(oidc.identity).toBeUndefined();
    expect(sut(given({ caller: { type: 'Service', service: 'ecs.aliyuncs.com' }, trustPolicy: trust })).decision).toBe('Allow');
    expect(sut(given({ caller: { type: 'Service', service: 'fc.aliyuncs.com' }, trustPolicy: trust }))).toMatchObject({ decision: 'ImplicitDeny', refusedBy: 'TrustPolicy' });
  });
});
