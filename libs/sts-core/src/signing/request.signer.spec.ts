import { signV1, signV3 } from './request.signer';
import { EMPTY_BODY_SHA256, sha256Hex } from './signature-v3.algorithm';
import { LONG_TERM, NOW, TEMPORARY } from './signed-request.fixtures';

describe(signV1.name, () => {
  const sut = signV1;

  it('reproduces vector V1-a (pop-core GET) from the business parameters', () => {
    const params = sut({
      method: 'GET',
      params: {
        Action: 'AssumeRole',
        Format: 'JSON',
        Version: '2015-04-01',
        DurationSeconds: '900',
        Policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:GetCallerIdentity","oss:Get*"],"Resource":"*"}]}',
        RoleArn: 'acs:ram::1234567890123456:role/interop-role',
        RoleSessionName: 'interop-session',
      },
      credentials: LONG_TERM,
      nonce: '1eba1fa4b1bb96da1c0f805a60d34ecf',
      timestamp: NOW,
    });

    expect(params['Signature']).toBe('l/6ZHE6vpKknFvP0IlTFuAkWx0U=');
    expect(params['SignatureMethod']).toBe('HMAC-SHA1');
    expect(params['Timestamp']).toBe('2026-11-28T07:23:42Z');
  });

  it('reproduces vector V1-b (STS token as the SecurityToken parameter)', () => {
    const params = sut({
      method: 'POST',
      params: { Action: 'GetCallerIdentity', Format: 'json', Version: '2015-04-01' },
      credentials: TEMPORARY,
      nonce: '0d906a3536a5fffda77bdfaff056c3fd6173786780db8feddb4387e75874a9e1',
      timestamp: '2026-11-28T07:23:42Z',
    });

    expect(params['SecurityToken']).toBe(TEMPORARY.securityToken);
    expect(params['Signature']).toBe('O4n+Wpkv59jz8ZBbs8OG3ojiVLI=');
  });

  it('draws a fresh nonce and the current time when not given', () => {
    const a = sut({ method: 'GET', params: { Action: 'GetCallerIdentity', Version: '2015-04-01' }, credentials: LONG_TERM });
    const b = sut({ method: 'GET', params: { Action: 'GetCallerIdentity', Version: '2015-04-01' }, credentials: LONG_TERM });

    expect(a['SignatureNonce']).not.toBe(b['SignatureNonce']);
    expect(a['Timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses a parameter given twice or a precomputed Signature', () => {
    expect(() => sut({ method: 'GET', params: [['A', '1'], ['A', '2']], credentials: LONG_TERM })).toThrow(/twice/);
    expect(() => sut({ method: 'GET', params: { Signature: 'x' }, credentials: LONG_TERM })).toThrow(/Signature/);
  });
});

describe(signV3.name, () => {
  const sut = signV3;

  it('reproduces vector G (the V3 doc) down to the Authorization header', () => {
    const headers = sut({
      method: 'POST',
      host: 'ecs.cn-shanghai.aliyuncs.com',
      action: 'RunInstances',
      version: '2014-05-26',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      credentials: { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' },
      nonce: '3156853299f313e23d1673dc12e1703d',
      date: '2023-10-26T10:22:32Z',
    });

    expect(headers['x-acs-content-sha256']).toBe(EMPTY_BODY_SHA256);
    expect(headers['authorization']).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });

  it('reproduces vector V3-b (STS token headers)', () => {
    const headers = sut({
      method: 'POST',
      host: '127.0.0.1:40693',
      action: 'GetCallerIdentity',
      version: '2015-04-01',
      headers: { 'X-Acs-Credentials-Provider': 'static_sts' },
      credentials: TEMPORARY,
      nonce: '142a358b0d2df1a2efe39c15eee1eab3217205b33909d9e5723440b3b54938b9',
      date: NOW,
    });

    expect(headers['x-acs-accesskey-id']).toBe(TEMPORARY.accessKeyId);
    expect(headers['x-acs-security-token']).toBe(TEMPORARY.securityToken);
    expect(headers['authorization']).toMatch(/,Signature=58f4b3437f5b5e569a52ef9496de0d330333d0170504a8adba32031fdeb98bab$/);
  });

  it('hashes the body and signs content-type (vector L)', () => {
    const body = 'RoleArn=acs%3Aram%3A%3A1234567890123456%3Arole%2Ftest-role&RoleSessionName=alice';
    const headers = sut({
      method: 'POST',
      host: 'sts.aliyuncs.com',
      action: 'AssumeRole',
      version: '2015-04-01',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      credentials: { accessKeyId: 'LTAI5tExampleAKID0000000', accessKeySecret: 'ExampleSecret0000000000000000' },
      nonce: '0123456789abcdef0123456789abcdef',
      date: '2024-01-01T00:00:00Z',
    });

    expect(headers['x-acs-content-sha256']).toBe(sha256Hex(body));
    expect(headers['authorization']).toMatch(/SignedHeaders=content-type;host;.*Signature=67b218e9c5638544be76f5cfdc72dc5eb8dd86f93c7a3c9bbb18c4efa0515da8$/);
  });
});
