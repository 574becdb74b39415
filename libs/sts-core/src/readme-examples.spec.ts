// The examples of libs/sts-core/README.md, run: if this fails, the README is lying.
import { randomBytes } from 'node:crypto';
import { KeyRing, SecretBox, parseArn, roleArn } from './index';
import { newLongTermAccessKeyId, newRequestId, newTemporaryAccessKeyId } from './ids';
import { authorizeAssumeRole, compilePolicy, evaluateIdentity, parsePolicy, parseSessionPolicy } from './policy';
import { parseSignedRequest, signV1, verifySignature } from './signing';
import { SecurityTokenCodec } from './token';
import { Errors, StsError } from './errors';

describe('sts-core README examples', () => {
  it('ARNs and identifiers', () => {
    const parsed = parseArn('acs:ram::1234567890123456:role/deployer');
    expect(parsed.ok && parsed.arn.kind).toBe('role');
    expect(roleArn('1234567890123456', 'deployer')).toBe('acs:ram::1234567890123456:role/deployer');
    expect(newLongTermAccessKeyId()).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(newTemporaryAccessKeyId()).toMatch(/^STS\./);
    expect(newRequestId()).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('policy engine', () => {
    const doc = parsePolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:Get*","Resource":"*"}]}', 'identity');
    if (!doc.ok) throw doc.error;
    const read = compilePolicy(doc.document, 'policy:Custom:read');
    const session = compilePolicy(parseSessionPolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:public/*"}]}'), 'session-policy');
    const ask = (resource: string) => evaluateIdentity({ identityPolicies: [read], sessionPolicy: session }, { action: 'oss:GetObject', resource }).decision;
    expect([ask('acs:oss:*:1:public/a'), ask('acs:oss:*:1:private/a')]).toEqual(['Allow', 'ImplicitDeny']);

    const trust = parsePolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}', 'trust');
    if (!trust.ok) throw trust.error;
    const allowAssume = parsePolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}', 'identity');
    if (!allowAssume.ok) throw allowAssume.error;
    const verdict = authorizeAssumeRole({
      caller: { type: 'RamUser', accountId: '1234567890123456', userName: 'alice' },
      identityPolicies: [compilePolicy(allowAssume.document, 'p')],
      roleArn: 'acs:ram::1234567890123456:role/deployer',
      trustPolicy: compilePolicy(trust.document, 'trust-policy:deployer'),
    });
    expect(verdict.decision).toBe('Allow');
  });

  it('request signing', () => {
    const credentials = { accessKeyId: 'LTAI5tExampleAKID0000000', accessKeySecret: 'ExampleSecret' };
    const params = signV1({ method: 'GET', params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' }, credentials });
    const parsed = parseSignedRequest({ method: 'GET', path: '/', query: Object.entries(params), headers: { host: 'sts.example' } });
    if (!parsed.ok || parsed.request.scheme === 'anonymous') throw new Error('unexpected');
    expect(verifySignature(parsed.request, credentials.accessKeySecret).ok).toBe(true);
    expect(verifySignature(parsed.request, 'wrong').ok).toBe(false);
  });

  it('SecurityTokens and sealed secrets', () => {
    const codec = new SecurityTokenCodec(new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1'));
    const now = new Date();
    const issued = codec.issue({
      accessKeyId: newTemporaryAccessKeyId(), mechanism: 'AssumeRole', accountId: '1234567890123456', roleId: '10001', roleName: 'deployer',
      roleSessionName: 'alice', caller: { type: 'RAMUser', arn: 'acs:ram::1234567890123456:user/alice' }, issuedAt: now, expiresAt: new Date(now.getTime() + 3_600_000),
    });
    const verified = codec.verify(issued.securityToken, issued.accessKeyId, new Date());
    expect(verified.ok && verified.value.accessKeySecret).toBe(issued.accessKeySecret);

    const box = new SecretBox(new KeyRing([{ id: 'm1', key: randomBytes(32) }], 'm1'));
    const sealed = box.seal('the-secret', 'LTAIowner');
    expect(box.openText(sealed, 'LTAIowner')).toBe('the-secret');
    expect(() => box.openText(sealed, 'LTAIsomeone-else')).toThrow();
  });

  it('errors', () => {
    const e = Errors.roleSessionNameInvalid();
    expect(StsError.is(e) && [e.code, e.httpStatus]).toEqual(['InvalidParameter.RoleSessionName', 400]);
  });
});
