import { compileCondition } from './condition.compiler';
import { conditionHolds } from '../testing/policy.fixtures';

describe(compileCondition.name, () => {
  const sut = conditionHolds;

  describe('combining', () => {
    const condition = {
      StringEquals: { 'x:team': ['dev', 'ops'], 'x:stage': 'prod' },
      IpAddress: { 'acs:SourceIp': '10.0.0.0/8' },
    };

    it('is satisfied when every key of every operator is', () => {
      expect(sut(condition, { 'x:team': 'ops', 'x:stage': 'prod', 'acs:SourceIp': '10.0.0.1' })).toBe(true);
    });

    it.each([
      ['another key of the same operator', { 'x:team': 'ops', 'x:stage': 'dev', 'acs:SourceIp': '10.0.0.1' }],
      ['another operator', { 'x:team': 'ops', 'x:stage': 'prod', 'acs:SourceIp': '11.0.0.1' }],
      ['a missing key', { 'x:team': 'ops', 'acs:SourceIp': '10.0.0.1' }],
    ])('is not satisfied when %s fails', (_, context) => {
      expect(sut(condition, context)).toBe(false);
    });
  });

  it('looks keys up case-insensitively on both sides', () => {
    expect(sut({ StringEquals: { 'STS:externalid': 'abc' } }, { 'sts:ExternalId': 'abc' })).toBe(true);
    expect(sut({ IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } }, { 'ACS:SOURCEIP': '10.1.1.1' })).toBe(true);
  });

  it('refuses a context holding one key under two spellings', () => {
    expect(() => sut({ StringEquals: { 'a:b': 'x' } }, { 'a:b': 'x', 'A:B': 'y' })).toThrow(TypeError);
  });

  describe('multi-valued request keys without a qualifier', () => {
    it('is satisfied by a positive operator when any request value matches', () => {
      expect(sut({ StringEquals: { 'oidc:aud': 'sts.aliyuncs.com' } }, { 'oidc:aud': ['other', 'sts.aliyuncs.com'] })).toBe(true);
      expect(sut({ StringEquals: { 'oidc:aud': 'sts.aliyuncs.com' } }, { 'oidc:aud': ['other'] })).toBe(false);
    });

    it('is satisfied by a negated operator only when no request value matches', () => {
      expect(sut({ StringNotEquals: { 'oidc:aud': 'x' } }, { 'oidc:aud': ['a', 'x'] })).toBe(false);
      expect(sut({ StringNotEquals: { 'oidc:aud': 'x' } }, { 'oidc:aud': ['a', 'b'] })).toBe(true);
    });

    it('treats an empty list like a missing key', () => {
      expect(sut({ StringEquals: { 'oidc:aud': 'x' } }, { 'oidc:aud': [] })).toBe(false);
      expect(sut({ StringNotEquals: { 'oidc:aud': 'x' } }, { 'oidc:aud': [] })).toBe(true);
    });
  });

  describe('set qualifiers', () => {
    const tags = (...keys: string[]) => ({ 'acs:TagKeys': keys });

    it('ForAnyValue: some request value satisfies the operator', () => {
      const condition = { 'ForAnyValue:StringEquals': { 'acs:TagKeys': ['env', 'team'] } };
      expect(sut(condition, tags('cost', 'env'))).toBe(true);
      expect(sut(condition, tags('cost'))).toBe(false);
      expect(sut(condition, tags())).toBe(false);
      expect(sut(condition)).toBe(false);
    });

    it('ForAllValues: every request value satisfies the operator, vacuously when there are none', () => {
      const condition = { 'ForAllValues:StringEquals': { 'acs:TagKeys': ['env', 'team'] } };
      expect(sut(condition, tags('env', 'team'))).toBe(true);
      expect(sut(condition, tags('env', 'cost'))).toBe(false);
      expect(sut(condition, tags())).toBe(true);
      expect(sut(condition)).toBe(true);
    });

    it('applies a negated operator per request value', () => {
      expect(sut({ 'ForAnyValue:StringNotLike': { 'acs:TagKeys': 'env*' } }, tags('env', 'cost'))).toBe(true);
      expect(sut({ 'ForAllValues:StringNotLike': { 'acs:TagKeys': 'env*' } }, tags('env', 'cost'))).toBe(false);
      expect(sut({ 'ForAllValues:StringNotLike': { 'acs:TagKeys': 'env*' } }, tags('team', 'cost'))).toBe(true);
    });

    it('treats a single-string request value as a one-element list', () => {
      expect(sut({ 'ForAnyValue:StringEquals': { 'oidc:aud': 'a' } }, { 'oidc:aud': 'a' })).toBe(true);
    });
  });
});
