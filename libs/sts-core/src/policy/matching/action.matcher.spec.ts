import { ActionMatcher, splitAction } from './action.matcher';

describe(ActionMatcher.name, () => {
  const matches = (patterns: string[], action: string) => new ActionMatcher(patterns).matches(splitAction(action));

  it.each([
    [['*'], 'ecs:DescribeInstances', true],
    [['ecs:DescribeInstances'], 'ecs:DescribeInstances', true],
    [['ecs:DescribeInstances'], 'ECS:describeinstances', true],
    [['ECS:DESCRIBE*'], 'ecs:DescribeInstances', true],
    [['ecs:Describe*'], 'ecs:StartInstance', false],
    [['ecs:Describe*'], 'rds:DescribeInstances', false],
    [['ram:Get?ser'], 'ram:GetUser', true],
    [['ram:Get?ser'], 'ram:GetUsers', false],
    [['*:Describe*'], 'rds:DescribeDBInstances', true],
    [['*:Describe*'], 'rds:ListTags', false],
    [['e?s:*'], 'ecs:StartInstance', true],
    [['e?s:*'], 'ess:StartInstance', true],
    [['e?s:*'], 'eci:StartInstance', false],
    [['oss:GetObject', 'ecs:Describe*'], 'ecs:DescribeDisks', true],
    [['sts:AssumeRole'], 'sts:AssumeRoleWithSAML', false],
    [['sts:AssumeRole*'], 'sts:AssumeRoleWithSAML', true],
    [['ecs:*'], 'ecsx:Describe', false],
  ])('%j matches %s: %s', (patterns, action, expected) => {
    expect(matches(patterns, action)).toBe(expected);
  });

  it('matches an action without a service part only through "*"', () => {
    expect(matches(['*'], 'DescribeInstances')).toBe(true);
    expect(matches(['*:*'], 'DescribeInstances')).toBe(false);
  });

  it('reports which service buckets it can match', () => {
    const sut = new ActionMatcher(['ecs:Describe*', 'OSS:GetObject']);
    expect([...sut.services].sort()).toEqual(['ecs', 'oss']);
    expect(sut.anyService).toBe(false);
    expect(new ActionMatcher(['*:List*']).anyService).toBe(true);
    expect(new ActionMatcher(['*']).anyService).toBe(true);
  });
});
