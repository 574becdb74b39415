import { ResourceMatcher, splitResource } from './resource.matcher';

describe(ResourceMatcher.name, () => {
  const matches = (patterns: string[], resource: string) => new ResourceMatcher(patterns).matches(splitResource(resource));

  it.each([
    [['*'], 'acs:ecs:cn-hangzhou:123:instance/i-1', true],
    [['*'], 'not-an-arn', true],
    [['acs:ecs:*:*:instance/*'], 'acs:ecs:cn-hangzhou:123:instance/i-1', true],
    [['acs:ecs:*:*:instance/*'], 'acs:ecs:cn-hangzhou:123:disk/d-1', false],
    [['acs:ecs:cn-*:123:*'], 'acs:ecs:cn-beijing:123:instance/i-1', true],
    [['acs:ecs:cn-*:123:*'], 'acs:ecs:ap-southeast-1:123:instance/i-1', false],
    [['acs:ecs:*:123:*'], 'acs:ecs:cn-hangzhou:456:instance/i-1', false],
  ])('%j matches %s: %s', (patterns, resource, expected) => {
    expect(matches(patterns, resource)).toBe(expected);
  });

  describe('case rules', () => {
    it('folds the acs:<service>:<region>:<account>: prefix', () => {
      expect(matches(['ACS:ECS:CN-HANGZHOU:123:instance/i-1'], 'acs:ecs:cn-hangzhou:123:instance/i-1')).toBe(true);
      expect(matches(['acs:ecs:*:123:instance/i-1'], 'Acs:Ecs:cn-hangzhou:123:instance/i-1')).toBe(true);
    });

    it('keeps the relative id case-sensitive outside RAM', () => {
      expect(matches(['acs:oss:*:*:MyBucket/*'], 'acs:oss:*:*:mybucket/a.txt')).toBe(false);
      expect(matches(['acs:oss:*:*:mybucket/Dir/*'], 'acs:oss:*:*:mybucket/Dir/a.txt')).toBe(true);
    });

    it('folds RAM entity names, so a Deny on role/Admin also covers role/ADMIN', () => {
      expect(matches(['acs:ram:*:123:role/Admin'], 'acs:ram::123:role/ADMIN')).toBe(true);
      expect(matches(['acs:ram:*:123:user/Al*'], 'acs:ram::123:user/alice')).toBe(true);
      expect(matches(['acs:*:*:123:role/admin'], 'acs:RAM::123:role/Admin')).toBe(true);
    });
  });

  describe('regions', () => {
    it('matches an empty request region with a policy "*"', () => {
      expect(matches(['acs:ram:*:123:role/r'], 'acs:ram::123:role/r')).toBe(true);
    });

    it('matches an empty policy region only with an empty request region', () => {
      expect(matches(['acs:ram::123:role/r'], 'acs:ram::123:role/r')).toBe(true);
      expect(matches(['acs:ram::123:role/r'], 'acs:ram:cn-hangzhou:123:role/r')).toBe(false);
      expect(matches(['acs:ram:cn-*:123:role/r'], 'acs:ram::123:role/r')).toBe(false);
    });
  });

  describe('segments', () => {
    it('never lets a "*" cross a ":" between service, region and account', () => {
      expect(matches(['acs:ecs:*:123:x'], 'acs:ecs:cn-hangzhou:9:123:x')).toBe(false);
    });

    it('lets the relative id contain ":"', () => {
      expect(matches(['acs:log:*:*:project/p/logstore/*'], 'acs:log:cn-hangzhou:1:project/p/logstore/a:b')).toBe(true);
    });

    it('matches a request resource that is not an ARN only with "*"', () => {
      expect(matches(['acs:*:*:*:*'], '*')).toBe(false);
      expect(matches(['acs:*:*:*:*'], 'acs:ram::123:')).toBe(false);
      expect(matches(['acs:*:*:*:*'], 'arn:aws:s3:::bucket')).toBe(false);
    });
  });
});
