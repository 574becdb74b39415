import { accountPrincipal, assumedRolePrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { ACCOUNT, ALICE, directoryEvents, ROLE, statement } from '../../test/directory.fixtures';
import { memoryAccess } from '../../test/memory-access';
import { ACTION_TABLE } from '../routing/action.router';
import type { ActionSpec } from '../routing/action-spec';
import { RamAuthoriser } from './ram.authoriser';

const spec = (action: string): ActionSpec => ACTION_TABLE.find((s) => s.action === action)!;
const params = (p: Record<string, string> = {}) => new Map(Object.entries(p));
const facts = { now: new Date(), sourceIp: '10.0.0.1', secureTransport: false };
const alice = ramUserPrincipal(ACCOUNT, ALICE.userId, ALICE.userName, ALICE.accessKeyId);
const root = accountPrincipal(ACCOUNT, 'LTAIroot');
const arn = (relative: string) => `acs:ram::${ACCOUNT}:${relative}`;

function withPolicies(...documents: object[]) {
  const events = documents.flatMap((doc, i) => [() => directoryEvents.policy(`P${i}`, doc), () => directoryEvents.attach(`P${i}`, 'User', ALICE.userId)]);
  return new RamAuthoriser(memoryAccess(...events).evaluator);
}

describe(RamAuthoriser.name, () => {
  it.each([
    ['CreateUser', { UserName: 'carol' }, arn('user/carol')],
    ['UpdateUser', { UserName: 'carol', NewUserName: 'dave' }, arn('user/carol')],
    ['ListUsers', {}, '*'],
    ['CreateAccessKey', { UserName: 'carol' }, arn('user/carol')],
    ['CreateAccessKey', {}, arn('user/alice')], // a RAM user without UserName acts on itself
    ['DeleteAccessKey', { UserAccessKeyId: 'LTAIx' }, arn('user/alice')],
    ['GetRole', { RoleName: 'deployer' }, arn('role/deployer')],
    ['ListRoles', {}, '*'],
    ['CreatePolicy', { PolicyName: 'ReadOnly', PolicyDocument: '{}' }, arn('policy/ReadOnly')],
    ['ListEntitiesForPolicy', { PolicyName: 'ReadOnly', PolicyType: 'Custom' }, arn('policy/ReadOnly')],
    ['AttachPolicyToUser', { PolicyName: 'ReadOnly', PolicyType: 'Custom', UserName: 'bob' }, arn('user/bob')],
    ['DetachPolicyFromRole', { PolicyName: 'ReadOnly', PolicyType: 'Custom', RoleName: 'deployer' }, arn('role/deployer')],
    ['ListPoliciesForRole', { RoleName: 'deployer' }, arn('role/deployer')],
    ['CreateSAMLProvider', { SAMLProviderName: 'corp' }, arn('saml-provider/corp')],
    ['AddClientIdToOIDCProvider', { OIDCProviderName: 'gh', ClientId: 'c' }, arn('oidc-provider/gh')],
    ['ListOIDCProviders', {}, '*'],
  ])('authorises %s on the resource of the action table (%#)', (action, p, resource) => {
    expect(RamAuthoriser.resourceOf(spec(action), params(p), alice)).toBe(resource);
  });

  it('authorises a rename on the new name too: a user allowed on dev-* cannot rename one of them into a name outside it', () => {
    const sut = withPolicies(statement('Allow', 'ram:UpdateUser', arn('user/dev-*')));
    expect(sut.authorise(spec('UpdateUser'), params({ UserName: 'dev-x', NewUserName: 'dev-y' }), alice, facts)).toBeUndefined();
    expect(sut.authorise(spec('UpdateUser'), params({ UserName: 'dev-x', NewDisplayName: 'X' }), alice, facts)).toBeUndefined();
    expect(sut.authorise(spec('UpdateUser'), params({ UserName: 'dev-x', NewUserName: 'ops-lead' }), alice, facts)).toMatchObject({ code: 'NoPermission', httpStatus: 403 });
  });

  it('leaves STS actions to token-issuance', () => {
    const sut = withPolicies();
    expect(RamAuthoriser.resourceOf(spec('AssumeRole'), params(), alice)).toBeUndefined();
    expect(sut.authorise(spec('AssumeRole'), params(), alice, facts)).toBeUndefined();
  });

  it('lets the account root do every RAM and IMS action in its account', () => {
    const sut = withPolicies();
    for (const s of ACTION_TABLE.filter((a) => a.resource)) expect(sut.authorise(s, params({ UserName: 'x', RoleName: 'y' }), root, facts)).toBeUndefined();
  });

  it('refuses a RAM user without a policy: NoPermission 403, implicit deny, with AccessDeniedDetail', () => {
    const refused = withPolicies().authorise(spec('CreateUser'), params({ UserName: 'carol' }), alice, facts);
    expect(refused).toMatchObject({ code: 'NoPermission', httpStatus: 403, message: 'You are not authorized to do this action.' });
    expect(refused?.detail).toEqual({
      AccessDeniedDetail: {
        AuthAction: 'ram:CreateUser',
        AuthPrincipalType: 'SubUser',
        AuthPrincipalOwnerId: ACCOUNT,
        AuthPrincipalDisplayName: 'alice',
        PolicyType: 'AccountLevelIdentityBasedPolicy',
        NoPermissionType: 'ImplicitDeny',
      },
    });
  });

  it('allows ram:<Action> on the named resource only, matching a policy written with region `*`', () => {
    const sut = withPolicies(statement('Allow', ['ram:GetUser', 'ram:ListUsers'], [`acs:ram:*:${ACCOUNT}:user/alice`, '*']));
    expect(sut.authorise(spec('GetUser'), params({ UserName: 'alice' }), alice, facts)).toBeUndefined();
    const scoped = withPolicies(statement('Allow', 'ram:GetUser', `acs:ram:*:${ACCOUNT}:user/alice`));
    expect(scoped.authorise(spec('GetUser'), params({ UserName: 'alice' }), alice, facts)).toBeUndefined();
    expect(scoped.authorise(spec('GetUser'), params({ UserName: 'bob' }), alice, facts)?.code).toBe('NoPermission');
    expect(scoped.authorise(spec('ListUsers'), params(), alice, facts)?.code).toBe('NoPermission');
  });

  it('lets an explicit Deny win over an Allow', () => {
    const sut = withPolicies(statement('Allow', 'ram:*'), statement('Deny', 'ram:DeleteRole', `acs:ram:*:${ACCOUNT}:role/*`));
    expect(sut.authorise(spec('CreateRole'), params({ RoleName: 'r' }), alice, facts)).toBeUndefined();
    expect(sut.authorise(spec('DeleteRole'), params({ RoleName: 'r' }), alice, facts)?.detail).toMatchObject({ AccessDeniedDetail: { NoPermissionType: 'ExplicitDeny' } });
  });

  it('authorises IMS provider actions as ram:<Action>', () => {
    const sut = withPolicies(statement('Allow', 'ram:CreateOIDCProvider', `acs:ram:*:${ACCOUNT}:oidc-provider/*`));
    expect(sut.authorise(spec('CreateOIDCProvider'), params({ OIDCProviderName: 'gh' }), alice, facts)).toBeUndefined();
    expect(sut.authorise(spec('CreateSAMLProvider'), params({ SAMLProviderName: 'corp' }), alice, facts)?.code).toBe('NoPermission');
  });

  it('evaluates conditions against the request: acs:SecureTransport is true only over HTTPS', () => {
    const sut = withPolicies({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:ListUsers', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'true' } } }] });
    expect(sut.authorise(spec('ListUsers'), params(), alice, facts)?.code).toBe('NoPermission');
    expect(sut.authorise(spec('ListUsers'), params(), alice, { ...facts, secureTransport: true })).toBeUndefined();
  });

  it("authorises a role session by the role's policies narrowed by its session policy", () => {
    const access = memoryAccess(() => directoryEvents.policy('RoleAdmin', statement('Allow', 'ram:*')), () => directoryEvents.attach('RoleAdmin', 'Role', ROLE.roleId));
    const sut = new RamAuthoriser(access.evaluator);
    const session = (policy?: string) =>
      assumedRolePrincipal({
        accessKeyId: 'STS.x', mechanism: 'AssumeRole', accountId: ACCOUNT, roleId: ROLE.roleId, roleName: ROLE.roleName, roleSessionName: 's',
        caller: { type: 'RAMUser', arn: alice.arn }, policy, issuedAt: new Date(), expiresAt: new Date(Date.now() + 3600_000),
      });
    expect(sut.authorise(spec('CreateUser'), params({ UserName: 'x' }), session(), facts)).toBeUndefined();
    const narrowed = session(JSON.stringify(statement('Allow', 'ram:List*')));
    expect(sut.authorise(spec('ListUsers'), params(), narrowed, facts)).toBeUndefined();
    expect(sut.authorise(spec('CreateUser'), params({ UserName: 'x' }), narrowed, facts)?.detail).toMatchObject({ AccessDeniedDetail: { AuthPrincipalType: 'AssumedRoleUser', AuthPrincipalDisplayName: 'deployer:s' } });
  });
});
