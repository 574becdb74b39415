import { parseSignedRequest } from './signed-request.parser';
import { verifySignature } from './signature.verifier';
import { v1Signature, v1StringToSign } from './signature-v1.algorithm';
import type { ParamPair, ParsedSignedRequest } from './signing.types';

// Vectors from openapi-signing.md §2 (A–F) and sdk-wire.md §7 (V1-a, V1-b, V1-c).
const common = (nonce: string, timestamp: string): Record<string, string> => ({
  Format: 'XML',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: nonce,
  SignatureVersion: '1.0',
  Timestamp: timestamp,
});

const POP_CORE_POLICY =
  '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:GetCallerIdentity","oss:Get*"],"Resource":"*"}]}';
const interopBusiness = {
  DurationSeconds: '900',
  Policy: POP_CORE_POLICY,
  RoleArn: 'acs:ram::1234567890123456:role/interop-role',
  RoleSessionName: 'interop-session',
};
const stsE = {
  AccessKeyId: 'LTAI5tExampleAKID0000000',
  Action: 'AssumeRole',
  DurationSeconds: '3600',
  Format: 'JSON',
  RoleArn: 'acs:ram::1234567890123456:role/test-role',
  RoleSessionName: 'alice@example.com',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: 'c3a2f5e8-1b4d-4f6a-9e0d-7a1b2c3d4e5f',
  SignatureVersion: '1.0',
  Timestamp: '2024-01-01T00:00:00Z',
  Version: '2015-04-01',
};

const vectors: { id: string; method: string; secret: string; params: Record<string, string>; signature: string; stringToSign?: string }[] = [
  {
    id: 'A (ECS doc)',
    method: 'GET',
    secret: 'testsecret',
    params: { AccessKeyId: 'testid', Action: 'DescribeRegions', Version: '2014-05-26', ...common('3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', '2016-02-23T12:46:24Z') },
    signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    stringToSign:
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
  },
  {
    id: 'B (SMS doc, non-ASCII value)',
    method: 'GET',
    secret: 'testSecret',
    params: {
      ...common('45e25e9b-0a6f-4070-8c85-2956eda1b466', '2017-07-12T02:42:19Z'),
      AccessKeyId: 'testId',
      Action: 'SendSms',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Version: '2017-05-25',
    },
    signature: 'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
  },
  {
    id: 'C (dedicated-host doc)',
    method: 'GET',
    secret: 'testsecret',
    params: {
      ...common('edb2b34af0af9a6d14deaf7c1a5315eb', '2023-03-13T08:34:30Z'),
      AccessKeyId: 'testid',
      Action: 'DescribeDedicatedHosts',
      Format: 'JSON',
      RegionId: 'cn-beijing',
      Version: '2014-05-26',
    },
    signature: '9NaGiOspFP5UPcwX8Iwt2YJXXuk=',
  },
  { id: 'D (openapi-util, empty method)', method: '', secret: 'accessKeySecret', params: { test: 'ok' }, signature: 'jHx/oHoHNrbVfhncHEvPdHXZwHU=', stringToSign: '&%2F&test%3Dok' },
  { id: 'E (derived AssumeRole POST)', method: 'POST', secret: 'ExampleSecret0000000000000000', params: stsE, signature: 'guTMbPI7xvogWMOjUu+YJP9QjtA=' },
  {
    id: 'F (E plus Policy)',
    method: 'POST',
    secret: 'ExampleSecret0000000000000000',
    params: { ...stsE, Policy: '{"Statement":[{"Action":["oss:Get*"],"Effect":"Allow","Resource":["*"]}],"Version":"1"}' },
    signature: 'ZnWNGPGBrqmFzKNV77IuEVgz4iM=',
  },
  {
    id: 'V1-a (pop-core GET, Policy with *)',
    method: 'GET',
    secret: 'testsecret',
    params: {
      ...common('1eba1fa4b1bb96da1c0f805a60d34ecf', '2026-11-28T07:23:42Z'),
      ...interopBusiness,
      AccessKeyId: 'LTAI5tTESTKEYID0000000',
      Action: 'AssumeRole',
      Format: 'JSON',
      Version: '2015-04-01',
    },
    signature: 'l/6ZHE6vpKknFvP0IlTFuAkWx0U=',
    stringToSign:
      'GET&%2F&AccessKeyId%3DLTAI5tTESTKEYID0000000%26Action%3DAssumeRole%26DurationSeconds%3D900%26Format%3DJSON%26Policy%3D%257B%2522Version%2522%253A%25221%2522%252C%2522Statement%2522%253A%255B%257B%2522Effect%2522%253A%2522Allow%2522%252C%2522Action%2522%253A%255B%2522sts%253AGetCallerIdentity%2522%252C%2522oss%253AGet%252A%2522%255D%252C%2522Resource%2522%253A%2522%252A%2522%257D%255D%257D%26RoleArn%3Dacs%253Aram%253A%253A1234567890123456%253Arole%252Finterop-role%26RoleSessionName%3Dinterop-session%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D1eba1fa4b1bb96da1c0f805a60d34ecf%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-28T07%253A23%253A42Z%26Version%3D2015-04-01',
  },
  {
    id: 'V1-b (sts20150401 v2, STS token)',
    method: 'POST',
    secret: '40uNrGIwp-mZ0MIFuu6ZPFYF0pQ',
    params: {
      ...common('0d906a3536a5fffda77bdfaff056c3fd6173786780db8feddb4387e75874a9e1', '2026-11-28T07:23:42Z'),
      AccessKeyId: 'STS.NUcanned000000000001',
      Action: 'GetCallerIdentity',
      Format: 'json',
      SecurityToken: 'CAIScannedR72K371tYAWXc3ximr5jJqKgrISU5lvLbqtCMdIM6/D+e6++PYtltv1um97K+ETV',
      Version: '2015-04-01',
    },
    signature: 'O4n+Wpkv59jz8ZBbs8OG3ojiVLI=',
    stringToSign:
      'POST&%2F&AccessKeyId%3DSTS.NUcanned000000000001%26Action%3DGetCallerIdentity%26Format%3Djson%26SecurityToken%3DCAIScannedR72K371tYAWXc3ximr5jJqKgrISU5lvLbqtCMdIM6%252FD%252Be6%252B%252BPYtltv1um97K%252BETV%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0d906a3536a5fffda77bdfaff056c3fd6173786780db8feddb4387e75874a9e1%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-28T07%253A23%253A42Z%26Version%3D2015-04-01',
  },
];

describe(v1StringToSign.name, () => {
  it.each(vectors)('vector $id', ({ method, secret, params, signature, stringToSign }) => {
    const sut = v1StringToSign(method, '/', Object.entries(params));

    if (stringToSign !== undefined) expect(sut).toBe(stringToSign);
    expect(v1Signature(sut, secret)).toBe(signature);
  });

  it('vector E: StringToSign starts as the spec shows', () => {
    const sut = v1StringToSign('POST', '/', Object.entries(stsE));

    expect(sut).toMatch(
      /^POST&%2F&AccessKeyId%3DLTAI5tExampleAKID0000000%26Action%3DAssumeRole%26DurationSeconds%3D3600%26Format%3DJSON%26RoleArn%3Dacs%253Aram%253A%253A1234567890123456%253Arole%252Ftest-role%26RoleSessionName%3Dalice%2540example.com%26/,
    );
  });

  it('does not depend on the order the parameters arrive in', () => {
    const pairs = Object.entries(stsE);

    const sut = v1StringToSign('POST', '/', [...pairs].reverse());

    expect(sut).toBe(v1StringToSign('POST', '/', pairs));
  });
});

describe(verifySignature.name, () => {
  const parse = (method: string, query: ParamPair[], form?: ParamPair[]): ParsedSignedRequest => {
    const parsed = parseSignedRequest({ method, path: '/', query, form, headers: { host: 'sts.aliyuncs.com' } });
    if (!parsed.ok || parsed.request.scheme === 'anonymous') throw new Error(`unexpected parse result ${JSON.stringify(parsed)}`);
    return parsed.request;
  };

  it.each(vectors.filter((v) => v.method !== '' && 'AccessKeyId' in v.params && 'Action' in v.params))(
    'accepts vector $id as a server would receive it',
    ({ method, secret, params, signature }) => {
      const request = parse(method, [...Object.entries(params), ['Signature', signature]]);

      expect(verifySignature(request, secret)).toEqual({ ok: true });
    },
  );

  it('accepts V1-c (credentials ram_role_arn: common params in the query, business params in the form body)', () => {
    const query: ParamPair[] = Object.entries({
      Version: '2015-04-01',
      Action: 'AssumeRole',
      Format: 'JSON',
      Timestamp: '2026-11-28T07:23:42Z',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'aed71b0b76a590469292005ec546b967',
      AccessKeyId: 'LTAI5tTESTKEYID0000000',
      Signature: 'hNchu8/N+TTxTRK9ufpoJe0592w=',
    });
    const sut = parse('POST', query, Object.entries(interopBusiness));

    expect(verifySignature(sut, 'testsecret')).toEqual({ ok: true });
  });
});
