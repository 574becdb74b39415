import { buildRequestContext, type RequestFacts } from './request-context.builder';
import { conditionHolds } from '../testing/policy.fixtures';

const facts: RequestFacts = {
  now: new Date('2024-06-01T12:00:00.250Z'),
  secureTransport: true,
  sourceIp: '10.1.2.3',
  accessKeyId: 'LTAI5tExample',
  sourceVpc: 'vpc-abc',
  principal: { arn: 'acs:ram::123:user/alice', accountId: '123', type: 'SubUser', ramUserId: '2001' },
  service: 'ecs.aliyuncs.com',
  requestTags: { env: 'prod', team: 'core' },
  resourceTags: { owner: 'alice' },
  externalId: 'ext-42',
  sourceIdentity: 'alice@corp',
  samlRecipient: 'https://signin.aliyun.com/saml-role/sso',
  oidc: { issuer: 'https://token.actions.githubusercontent.com', audiences: ['sts.aliyuncs.com', 'other'], subject: 'repo:org/app:ref:main' },
};

describe(buildRequestContext.name, () => {
  const sut = buildRequestContext;

  it('writes acs:CurrentTime as second-precision UTC and booleans as strings', () => {
    expect(sut(facts)).toMatchObject({ 'acs:CurrentTime': '2024-06-01T12:00:00Z', 'acs:SecureTransport': 'true', 'acs:MFAPresent': 'false' });
  });

  it('leaves absent facts as absent keys', () => {
    expect(Object.keys(sut({ now: facts.now, secureTransport: false })).sort()).toEqual(['acs:CurrentTime', 'acs:MFAPresent', 'acs:SecureTransport']);
  });

  describe('then every key it fills can be used in a condition', () => {
    const context = sut(facts);

    it.each<[string, object, object]>([
      ['acs:CurrentTime', { DateLessThan: { 'acs:CurrentTime': '2024-06-02T00:00:00Z' } }, { DateLessThan: { 'acs:CurrentTime': '2024-06-01T00:00:00Z' } }],
      ['acs:SecureTransport', { Bool: { 'acs:SecureTransport': 'true' } }, { Bool: { 'acs:SecureTransport': 'false' } }],
      ['acs:SourceIp', { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } }, { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } }],
      ['acs:MFAPresent', { Bool: { 'acs:MFAPresent': 'false' } }, { Bool: { 'acs:MFAPresent': 'true' } }],
      ['acs:SourceVpc', { StringEquals: { 'acs:SourceVpc': 'vpc-abc' } }, { StringEquals: { 'acs:SourceVpc': 'vpc-other' } }],
      ['acs:AccessId', { StringLike: { 'acs:AccessId': 'LTAI*' } }, { StringLike: { 'acs:AccessId': 'STS.*' } }],
      ['acs:PrincipalARN', { StringEquals: { 'acs:PrincipalARN': 'acs:ram::123:user/alice' } }, { StringEquals: { 'acs:PrincipalARN': 'acs:ram::123:user/bob' } }],
      ['acs:PrincipalAccount', { StringEquals: { 'acs:PrincipalAccount': '123' } }, { StringEquals: { 'acs:PrincipalAccount': '456' } }],
      ['acs:PrincipalType', { StringEquals: { 'acs:PrincipalType': 'SubUser' } }, { StringEquals: { 'acs:PrincipalType': 'AssumedRoleUser' } }],
      ['acs:PrincipalRAMUserId', { StringEquals: { 'acs:PrincipalRAMUserId': '2001' } }, { StringEquals: { 'acs:PrincipalRAMUserId': '2002' } }],
      ['acs:Service', { StringEquals: { 'acs:Service': 'ecs.aliyuncs.com' } }, { StringEquals: { 'acs:Service': 'fc.aliyuncs.com' } }],
      ['acs:RequestTag/<key>', { StringEquals: { 'acs:RequestTag/env': 'prod' } }, { StringEquals: { 'acs:RequestTag/env': 'dev' } }],
      ['acs:ResourceTag/<key>', { StringEquals: { 'acs:ResourceTag/owner': 'alice' } }, { StringEquals: { 'acs:ResourceTag/owner': 'bob' } }],
      ['acs:TagKeys', { 'ForAllValues:StringEquals': { 'acs:TagKeys': ['env', 'team'] } }, { 'ForAllValues:StringEquals': { 'acs:TagKeys': 'env' } }],
      ['sts:ExternalId', { StringEquals: { 'sts:ExternalId': 'ext-42' } }, { StringEquals: { 'sts:ExternalId': 'ext-43' } }],
      ['sts:SourceIdentity', { StringLike: { 'sts:SourceIdentity': '*@corp' } }, { StringLike: { 'sts:SourceIdentity': '*@other' } }],
      ['saml:recipient', { StringEquals: { 'saml:recipient': 'https://signin.aliyun.com/saml-role/sso' } }, { StringEquals: { 'saml:recipient': 'https://signin.alibabacloud.com/saml-role/sso' } }],
      ['oidc:iss', { StringEquals: { 'oidc:iss': 'https://token.actions.githubusercontent.com' } }, { StringEquals: { 'oidc:iss': 'https://evil.example' } }],
      ['oidc:aud', { StringEquals: { 'oidc:aud': 'sts.aliyuncs.com' } }, { StringEquals: { 'oidc:aud': 'nobody' } }],
      ['oidc:sub', { StringLike: { 'oidc:sub': 'repo:org/app:*' } }, { StringLike: { 'oidc:sub': 'repo:org/other:*' } }],
    ])('%s', (...[, satisfied, unsatisfied]) => {
      expect(conditionHolds(satisfied, context)).toBe(true);
      expect(conditionHolds(unsatisfied, context)).toBe(false);
    });
  });
});
