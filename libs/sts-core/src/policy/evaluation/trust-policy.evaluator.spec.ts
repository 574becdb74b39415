import { evaluateTrustPolicy } from './trust-policy.evaluator';
import type { CallerPrincipal } from '../matching/principal.matcher';
import { ACCOUNT, OTHER_ACCOUNT, identityPolicy, trustPolicy, allowAll } from '../testing/policy.fixtures';

const trusting = (principal: object, extra: object = {}) =>
  trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal, ...extra });

const alice: CallerPrincipal = { type: 'RamUser', accountId: ACCOUNT, userName: 'alice' };
const deployerSession: CallerPrincipal = { type: 'RoleSession', accountId: ACCOUNT, roleName: 'Deployer' };
const root: CallerPrincipal = { type: 'Root', accountId: ACCOUNT };
const ecs: CallerPrincipal = { type: 'Service', service: 'ecs.aliyuncs.com' };
const samlIdp = `acs:ram::${ACCOUNT}:saml-provider/corp-idp`;
const oidcIdp = `acs:ram::${ACCOUNT}:oidc-provider/github`;
const samlUser: CallerPrincipal = { type: 'Federated', protocol: 'SAML', providerArn: samlIdp };
const oidcUser: CallerPrincipal = { type: 'Federated', protocol: 'OIDC', providerArn: oidcIdp };

describe(evaluateTrustPolicy.name, () => {
  const sut = evaluateTrustPolicy;
  const decision = (policy: ReturnType<typeof trusting>, caller: CallerPrincipal, context = {}) => sut(policy, { caller, context }).decision;

  it('denies a caller whose context values are longer than any real one (an OIDC claim of 20 000 characters), before any condition runs', () => {
    const policy = trusting({ Federated: oidcIdp }, { Condition: { StringLike: { 'oidc:sub': '*' } } });
    expect(decision(policy, oidcUser, { 'oidc:sub': 'repo:x' })).toBe('Allow');
    expect(decision(policy, oidcUser, { 'oidc:sub': 'x'.repeat(20_000) })).toBe('ImplicitDeny');
  });

  describe('Principal.RAM account root', () => {
    const policy = trusting({ RAM: `acs:ram::${ACCOUNT}:root` });

    it('trusts any RAM user and any role session of that account', () => {
      expect(decision(policy, alice)).toBe('Allow');
      expect(decision(policy, deployerSession)).toBe('Allow');
    });

    it('does not trust the root identity itself, another account, a service or a federated user', () => {
      expect(decision(policy, root)).toBe('ImplicitDeny');
      expect(decision(policy, { ...alice, accountId: OTHER_ACCOUNT })).toBe('ImplicitDeny');
      expect(decision(policy, ecs)).toBe('ImplicitDeny');
      expect(decision(policy, samlUser)).toBe('ImplicitDeny');
    });
  });

  it('Principal.RAM user trusts that user only, name case-insensitively', () => {
    const policy = trusting({ RAM: `acs:ram::${ACCOUNT}:user/Alice` });
    expect(decision(policy, alice)).toBe('Allow');
    expect(decision(policy, { ...alice, userName: 'bob' })).toBe('ImplicitDeny');
    expect(decision(policy, { type: 'RoleSession', accountId: ACCOUNT, roleName: 'alice' })).toBe('ImplicitDeny');
  });

  it('Principal.RAM role trusts sessions of that role only', () => {
    const policy = trusting({ RAM: [`acs:ram::${OTHER_ACCOUNT}:root`, `acs:ram::${ACCOUNT}:role/deployer`] });
    expect(decision(policy, deployerSession)).toBe('Allow');
    expect(decision(policy, { ...deployerSession, roleName: 'Other' })).toBe('ImplicitDeny');
    expect(decision(policy, { type: 'RamUser', accountId: ACCOUNT, userName: 'deployer' })).toBe('ImplicitDeny');
  });

  it('Principal.Service trusts that service and no RAM user', () => {
    const policy = trusting({ Service: 'ecs.aliyuncs.com' });
    expect(decision(policy, ecs)).toBe('Allow');
    expect(decision(policy, { type: 'Service', service: 'ECS.aliyuncs.com' })).toBe('Allow');
    expect(decision(policy, { type: 'Service', service: 'fc.aliyuncs.com' })).toBe('ImplicitDeny');
    expect(decision(policy, alice)).toBe('ImplicitDeny');
  });

  describe('Principal.Federated', () => {
    it('trusts tokens from the named SAML or OIDC provider', () => {
      const policy = trusting({ Federated: [samlIdp, oidcIdp] });
      expect(decision(policy, samlUser)).toBe('Allow');
      expect(decision(policy, oidcUser)).toBe('Allow');
      expect(decision(policy, { ...samlUser, providerArn: `acs:ram::${ACCOUNT}:saml-provider/other` })).toBe('ImplicitDeny');
    });

    it('does not let a SAML assertion pass as the OIDC provider', () => {
      expect(decision(trusting({ Federated: oidcIdp }), { type: 'Federated', protocol: 'SAML', providerArn: oidcIdp })).toBe('ImplicitDeny');
    });

    it.each([
      ['sts:AssumeRoleWithSAML', samlUser, 'Allow'],
      ['sts:AssumeRoleWithOIDC', oidcUser, 'Allow'],
      ['sts:AssumeRoleWithOIDC', samlUser, 'ImplicitDeny'],
      ['sts:AssumeRole*', oidcUser, 'Allow'],
    ] as const)('matches the action %s for %j: %s', (action, caller, expected) => {
      expect(decision(trusting({ Federated: [samlIdp, oidcIdp] }, { Action: action }), caller)).toBe(expected);
    });

    it('treats NotAction as the exact negation of the two-name match', () => {
      const notSaml = trusting({ Federated: [samlIdp, oidcIdp] }, { Action: undefined, NotAction: 'sts:AssumeRoleWithSAML' });
      expect(decision(notSaml, samlUser)).toBe('ImplicitDeny');
      expect(decision(notSaml, oidcUser)).toBe('Allow');
      const allowButNotOidc = trustPolicy(
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [samlIdp, oidcIdp] } },
        { Effect: 'Deny', NotAction: 'sts:AssumeRoleWithSAML', Principal: { Federated: [samlIdp, oidcIdp] } },
      );
      expect(decision(allowButNotOidc, samlUser)).toBe('Allow');
      expect(decision(allowButNotOidc, oidcUser)).toBe('ExplicitDeny');
    });

    it('does not let a RAM user use an action only written for federation', () => {
      expect(decision(trusting({ RAM: `acs:ram::${ACCOUNT}:root` }, { Action: 'sts:AssumeRoleWithSAML' }), alice)).toBe('ImplicitDeny');
    });
  });

  describe('conditions', () => {
    it('evaluates sts:ExternalId against the request context', () => {
      const policy = trusting({ RAM: `acs:ram::${OTHER_ACCOUNT}:root` }, { Condition: { StringEquals: { 'sts:ExternalId': 'abcd1234' } } });
      const partner: CallerPrincipal = { type: 'RamUser', accountId: OTHER_ACCOUNT, userName: 'ci' };
      expect(decision(policy, partner, { 'sts:ExternalId': 'abcd1234' })).toBe('Allow');
      expect(decision(policy, partner, { 'sts:ExternalId': 'wrong' })).toBe('ImplicitDeny');
      expect(decision(policy, partner)).toBe('ImplicitDeny');
    });

    it('evaluates OIDC claims as in the RRSA examples', () => {
      const policy = trusting(
        { Federated: oidcIdp },
        { Condition: { StringEquals: { 'oidc:iss': 'https://token.actions.githubusercontent.com', 'oidc:aud': 'sts.aliyuncs.com' }, StringLike: { 'oidc:sub': 'repo:my-org/my-repo:*' } } },
      );
      const claims = { 'oidc:iss': 'https://token.actions.githubusercontent.com', 'oidc:aud': ['sts.aliyuncs.com'], 'oidc:sub': 'repo:my-org/my-repo:ref:refs/heads/main' };
      expect(decision(policy, oidcUser, claims)).toBe('Allow');
      expect(decision(policy, oidcUser, { ...claims, 'oidc:sub': 'repo:my-org/other:ref:main' })).toBe('ImplicitDeny');
    });

    it('evaluates saml:recipient', () => {
      const policy = trusting({ Federated: samlIdp }, { Condition: { StringEquals: { 'saml:recipient': 'https://signin.aliyun.com/saml-role/sso' } } });
      expect(decision(policy, samlUser, { 'saml:recipient': 'https://signin.aliyun.com/saml-role/sso' })).toBe('Allow');
      expect(decision(policy, samlUser, { 'saml:recipient': 'https://evil.example/sso' })).toBe('ImplicitDeny');
    });
  });

  it('lets a matching Deny win and names it', () => {
    const policy = trustPolicy(
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${ACCOUNT}:root` } },
      { Sid: 'NoAlice', Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${ACCOUNT}:user/alice` } },
    );
    expect(sut(policy, { caller: alice })).toEqual({ decision: 'ExplicitDeny', deciding: { policy: 'trust-policy', statementIndex: 1, sid: 'NoAlice' } });
    expect(sut(policy, { caller: deployerSession })).toEqual({ decision: 'Allow', deciding: { policy: 'trust-policy', statementIndex: 0 } });
  });

  it('refuses an identity policy passed as a trust policy', () => {
    expect(() => sut(identityPolicy('p', allowAll), { caller: alice })).toThrow('not a trust policy');
  });
});
