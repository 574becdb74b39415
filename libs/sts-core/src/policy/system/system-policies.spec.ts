import { findSystemPolicy, SYSTEM_POLICIES } from './system-policies';
import { parseManagedPolicyDocument } from '../grammar/policy-document.validator';
import { compilePolicy } from '../evaluation/compiled-policy';
import { evaluatePolicySet } from '../evaluation/policy.evaluator';

const decide = (name: string, action: string, resource = '*') => {
  const policy = findSystemPolicy(name);
  if (!policy) throw new Error(`no system policy ${name}`);
  return evaluatePolicySet([compilePolicy(parseManagedPolicyDocument(policy.document), policy.name)], { action, resource }).decision;
};

describe('SYSTEM_POLICIES', () => {
  it.each(SYSTEM_POLICIES.map((p) => [p.name, p] as const))('%s is a valid, immutable System policy at v1', (_, policy) => {
    expect(policy).toMatchObject({ type: 'System', defaultVersion: 'v1' });
    expect(policy.description.length).toBeGreaterThan(0);
    expect(() => parseManagedPolicyDocument(policy.document)).not.toThrow();
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('ships the five policies the spec names, findable case-insensitively', () => {
    expect(SYSTEM_POLICIES.map((p) => p.name)).toEqual([
      'AdministratorAccess',
      'ReadOnlyAccess',
      'AliyunSTSAssumeRoleAccess',
      'AliyunRAMReadOnlyAccess',
      'AliyunRAMFullAccess',
    ]);
    expect(findSystemPolicy('aliyunstsassumeroleaccess')?.name).toBe('AliyunSTSAssumeRoleAccess');
    expect(findSystemPolicy('PowerUserAccess')).toBeUndefined();
  });

  it('keeps the documented text of AliyunSTSAssumeRoleAccess', () => {
    expect(findSystemPolicy('AliyunSTSAssumeRoleAccess')?.document).toBe(
      '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*"}],"Version":"1"}',
    );
  });

  it.each([
    ['AdministratorAccess', 'ram:CreateUser', 'Allow'],
    ['ReadOnlyAccess', 'ecs:DescribeInstances', 'Allow'],
    ['ReadOnlyAccess', 'ram:ListUsers', 'Allow'],
    ['ReadOnlyAccess', 'ram:CreateUser', 'ImplicitDeny'],
    ['AliyunSTSAssumeRoleAccess', 'sts:AssumeRole', 'Allow'],
    ['AliyunSTSAssumeRoleAccess', 'sts:AssumeRoleWithSAML', 'ImplicitDeny'],
    ['AliyunRAMReadOnlyAccess', 'ram:GetRole', 'Allow'],
    ['AliyunRAMReadOnlyAccess', 'ram:GenerateCredentialReport', 'Allow'],
    ['AliyunRAMReadOnlyAccess', 'ram:DeleteRole', 'ImplicitDeny'],
    ['AliyunRAMFullAccess', 'ram:DeleteRole', 'Allow'],
    ['AliyunRAMFullAccess', 'ecs:DescribeInstances', 'ImplicitDeny'],
  ])('%s on %s: %s', (name, action, expected) => {
    expect(decide(name, action, 'acs:ram::123:role/x')).toBe(expected);
  });
});
