import { evaluateIdentity, evaluatePolicySet } from './policy.evaluator';
import { EVALUATION_LIMITS, prepareRequest } from './prepared-request';
import { allowAll, denyAll, identityPolicy, roleArn, sessionPolicy, trustPolicy } from '../testing/policy.fixtures';

const instance = 'acs:ecs:cn-hangzhou:123:instance/i-1';
const describeInstance = { action: 'ecs:DescribeInstances', resource: instance };

describe(evaluatePolicySet.name, () => {
  const sut = evaluatePolicySet;

  it('is an implicit deny with no policies or no matching statement', () => {
    expect(sut([], describeInstance)).toEqual({ decision: 'ImplicitDeny' });
    expect(sut([identityPolicy('p', { Effect: 'Allow', Action: 'oss:*', Resource: '*' })], describeInstance)).toEqual({ decision: 'ImplicitDeny' });
  });

  it('allows through the first matching Allow and names it', () => {
    const policy = identityPolicy('ReadEcs', { Effect: 'Allow', Action: 'rds:*', Resource: '*' }, { Sid: 'Describe', Effect: 'Allow', Action: 'ecs:Describe*', Resource: 'acs:ecs:*:*:instance/*' });
    expect(sut([policy], describeInstance)).toEqual({ decision: 'Allow', deciding: { policy: 'ReadEcs', statementIndex: 1, sid: 'Describe' } });
  });

  it('denies a request longer than any real one without matching it, even against Allow * or a crafted `?` pattern', () => {
    const allow = identityPolicy('AdministratorAccess', allowAll);
    const arn = (n: number) => `acs:ram::123:user/${'a'.repeat(n - 'acs:ram::123:user/'.length)}`;
    expect(sut([allow], { action: 'ram:GetUser', resource: arn(EVALUATION_LIMITS.resourceChars) }).decision).toBe('Allow');
    expect(sut([allow], { action: 'ram:GetUser', resource: arn(EVALUATION_LIMITS.resourceChars + 1) }).decision).toBe('ImplicitDeny');
    expect(sut([allow], { action: `ram:${'G'.repeat(EVALUATION_LIMITS.actionChars)}`, resource: '*' }).decision).toBe('ImplicitDeny');
    expect(sut([allow], { action: 'ram:GetUser', resource: '*', context: { 'acs:SourceIp': 'x'.repeat(EVALUATION_LIMITS.contextValueChars + 1) } }).decision).toBe('ImplicitDeny');
    // a Deny that would have matched is not skipped into an Allow: the whole request is denied
    const crafted = identityPolicy('crafted', { Effect: 'Deny', Action: '*', Resource: `acs:ram:*:*:*${'a'.repeat(1_900)}?b*` });
    const hostile = { action: 'ram:GetUser', resource: arn(131_000) };
    expect(evaluateIdentity({ identityPolicies: [allow, crafted] }, hostile).decision).toBe('ImplicitDeny'); // took 1-4 s before the limit
  });

  it('lets a Deny anywhere in the set win over Allows before and after it', () => {
    const before = identityPolicy('AdministratorAccess', allowAll);
    const deny = identityPolicy('NoEcs', { Effect: 'Deny', Action: 'ecs:*', Resource: '*' });
    const after = identityPolicy('ReadEcs', { Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' });
    expect(sut([before, deny, after], describeInstance)).toEqual({ decision: 'ExplicitDeny', deciding: { policy: 'NoEcs', statementIndex: 0 } });
  });

  it('ignores a Deny whose resource or condition does not match', () => {
    const policy = identityPolicy(
      'p',
      allowAll,
      { Effect: 'Deny', Action: '*', Resource: 'acs:ecs:*:*:instance/i-2' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
    );
    expect(sut([policy], { ...describeInstance, context: { 'acs:SourceIp': '10.9.9.9' } }).decision).toBe('Allow');
    expect(sut([policy], { ...describeInstance, context: { 'acs:SourceIp': '8.8.8.8' } })).toMatchObject({ decision: 'ExplicitDeny', deciding: { statementIndex: 2 } });
  });

  describe('NotAction', () => {
    const powerUser = identityPolicy('PowerUser', { Effect: 'Allow', NotAction: ['ram:*', 'ims:*'], Resource: '*' });

    it('allows every action except the listed ones', () => {
      expect(sut([powerUser], describeInstance).decision).toBe('Allow');
      expect(sut([powerUser], { action: 'ram:CreateUser', resource: 'acs:ram::123:user/x' }).decision).toBe('ImplicitDeny');
      expect(sut([powerUser], { action: 'RAM:createuser', resource: 'acs:ram::123:user/x' }).decision).toBe('ImplicitDeny');
    });

    it('denies every action except the listed ones', () => {
      const onlyReads = identityPolicy('OnlyReads', allowAll, { Effect: 'Deny', NotAction: ['*:Describe*', '*:List*'], Resource: '*' });
      expect(sut([onlyReads], describeInstance).decision).toBe('Allow');
      expect(sut([onlyReads], { action: 'ecs:DeleteInstance', resource: instance })).toMatchObject({ decision: 'ExplicitDeny', deciding: { statementIndex: 1 } });
    });
  });

  it('only visits statements that can match the service, yet keeps universal statements', () => {
    const policy = identityPolicy('p', { Effect: 'Allow', Action: 'oss:GetObject', Resource: '*' }, { Effect: 'Allow', Action: '*:Describe*', Resource: '*' });
    expect(sut([policy], describeInstance)).toMatchObject({ decision: 'Allow', deciding: { statementIndex: 1 } });
    expect(sut([policy], { action: 'oss:GetObject', resource: 'acs:oss:*:*:b/k' })).toMatchObject({ deciding: { statementIndex: 0 } });
  });

  it('accepts a prepared request and gives the same answer', () => {
    const policy = identityPolicy('p', { Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' });
    expect(sut([policy], prepareRequest(describeInstance))).toEqual(sut([policy], describeInstance));
  });

  it('refuses to evaluate a trust policy as an identity policy', () => {
    const trust = trustPolicy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::123:root' } });
    expect(() => sut([trust], describeInstance)).toThrow('trust policy');
  });
});

describe(evaluateIdentity.name, () => {
  const sut = evaluateIdentity;
  const assume = { action: 'sts:AssumeRole', resource: roleArn('deployer') };
  const canAssume = identityPolicy('AliyunSTSAssumeRoleAccess', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' });
  const readEcs = identityPolicy('ReadEcs', { Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' });

  it('is the union of the identity policies without a session policy', () => {
    expect(sut({ identityPolicies: [readEcs, canAssume] }, assume)).toMatchObject({ decision: 'Allow', deciding: { policy: 'AliyunSTSAssumeRoleAccess' } });
  });

  it('allows only what both the identity policies and the session policy allow', () => {
    const session = sessionPolicy({ Effect: 'Allow', Action: 'ecs:*', Resource: '*' });
    expect(sut({ identityPolicies: [readEcs, canAssume], sessionPolicy: session }, describeInstance)).toMatchObject({ decision: 'Allow', deciding: { policy: 'ReadEcs' } });
    expect(sut({ identityPolicies: [readEcs, canAssume], sessionPolicy: session }, assume)).toEqual({ decision: 'ImplicitDeny' });
  });

  it('cannot grant through the session policy what the identity policies lack', () => {
    expect(sut({ identityPolicies: [readEcs], sessionPolicy: sessionPolicy(allowAll) }, assume)).toEqual({ decision: 'ImplicitDeny' });
  });

  it('lets a Deny in the session policy win', () => {
    const session = sessionPolicy(allowAll, { Sid: 'NoAssume', Effect: 'Deny', Action: 'sts:*', Resource: '*' });
    expect(sut({ identityPolicies: [canAssume], sessionPolicy: session }, assume)).toEqual({
      decision: 'ExplicitDeny',
      deciding: { policy: 'session-policy', statementIndex: 1, sid: 'NoAssume' },
    });
  });

  it('lets a Deny in the identity policies win over a session Allow', () => {
    const deny = identityPolicy('Deny', denyAll);
    expect(sut({ identityPolicies: [canAssume, deny], sessionPolicy: sessionPolicy(allowAll) }, assume)).toMatchObject({ decision: 'ExplicitDeny', deciding: { policy: 'Deny' } });
  });
});
