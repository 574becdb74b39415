import { SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { NonceStore, NormalisedRequest, signV1, signV3 } from '@opensts/sts-core/signing';
import { SecurityTokenCodec, SessionClaims } from '@opensts/sts-core/token';
import { ACCOUNT, events, masterRing, trustAccount } from '../../test/access-fixtures';
import { AccessIndex } from '../directory/access-index';
import { DirectoryView } from '../directory/directory-view';
import { projectEvent } from '../directory/event-projection';
import { markerOf } from '../directory/view-change';
import { RevocationView } from '../revocation/revocation-view';
import { RequestAuthenticator } from './request-authenticator';

class MemoryNonces implements NonceStore {
  readonly seen = new Set<string>();
  claim(accessKeyId: string, nonce: string): boolean {
    const k = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return true;
  }
}

const v1Get = (accessKeyId: string, accessKeySecret: string, extra: Record<string, string> = {}, securityToken?: string): NormalisedRequest => {
  const params = signV1({ method: 'GET', params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON', ...extra }, credentials: { accessKeyId, accessKeySecret, securityToken } });
  return { method: 'GET', path: '/', query: Object.entries(params), headers: { host: 'sts.example' } };
};

describe(RequestAuthenticator.name, () => {
  let index: AccessIndex;
  let box: SecretBox;
  let codec: SecurityTokenCodec;
  let nonces: MemoryNonces;
  let sut: RequestAuthenticator;
  const feed = (...envs: EventEnvelope[]) => envs.forEach((e) => projectEvent(e).forEach((c) => index.apply(c, markerOf(e))));
  const session = (over: Partial<SessionClaims> = {}): SessionClaims => ({
    accessKeyId: 'STS.AAAAAAAAAAAAAAAAAAAAAAAA',
    mechanism: 'AssumeRole',
    accountId: ACCOUNT,
    roleId: '100',
    roleName: 'deployer',
    roleSessionName: 'alice',
    caller: { type: 'RAMUser', arn: `acs:ram::${ACCOUNT}:user/alice` },
    issuedAt: new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000),
    expiresAt: new Date(Date.now() + 3_600_000),
    ...over,
  });

  beforeEach(() => {
    index = new AccessIndex();
    box = new SecretBox(masterRing());
    codec = new SecurityTokenCodec(masterRing());
    nonces = new MemoryNonces();
    const directory = new DirectoryView(index, box);
    sut = new RequestAuthenticator(directory, new RevocationView(index, directory), codec, nonces);
    feed(events.rootKey(box, 'LTAIroot0000000000000000', 'rootsecret'), events.user('7', 'alice'), events.userKey(box, 'LTAIalice000000000000000', 'alicesecret', '7', 'alice'), events.role('100', 'deployer', trustAccount()));
  });

  it('authenticates the account root and a RAM user by V1 signature', async () => {
    const root = await sut.authenticate(v1Get('LTAIroot0000000000000000', 'rootsecret'));
    const user = await sut.authenticate(v1Get('LTAIalice000000000000000', 'alicesecret'));
    expect(root).toMatchObject({ ok: true, principal: { type: 'Account', accountId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:root` } });
    expect(user).toMatchObject({ ok: true, principal: { type: 'RAMUser', userId: '7', userName: 'alice', arn: `acs:ram::${ACCOUNT}:user/alice` } });
  });

  it('authenticates a V3 request', async () => {
    const headers = signV3({ method: 'POST', host: '127.0.0.1:8080', action: 'GetCallerIdentity', version: '2015-04-01', credentials: { accessKeyId: 'LTAIalice000000000000000', accessKeySecret: 'alicesecret' } });
    const result = await sut.authenticate({ method: 'POST', path: '/', query: [], headers, body: '' });
    expect(result).toMatchObject({ ok: true, principal: { type: 'RAMUser' }, request: { action: 'GetCallerIdentity' } });
  });

  it.each([
    ['an unknown key', 'LTAInobody00000000000000', 'x', 'InvalidAccessKeyId.NotFound'],
    ['a wrong secret', 'LTAIalice000000000000000', 'not-the-secret', 'SignatureDoesNotMatch'],
  ])('refuses %s', async (_what, id, secret, code) => {
    expect(await sut.authenticate(v1Get(id, secret))).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses an inactive key and a reused nonce', async () => {
    const once = v1Get('LTAIalice000000000000000', 'alicesecret');
    expect((await sut.authenticate(once)).ok).toBe(true);
    expect(await sut.authenticate(once)).toMatchObject({ ok: false, error: { code: 'SignatureNonceUsed' } });
    feed(events.keyStatus('LTAIalice000000000000000', 'Inactive'));
    expect(await sut.authenticate(v1Get('LTAIalice000000000000000', 'alicesecret'))).toMatchObject({ ok: false, error: { code: 'InvalidAccessKeyId.Inactive' } });
  });

  it('authenticates temporary credentials from the token alone, and refuses them once revoked', async () => {
    const issued = codec.issue(session());
    const req = () => v1Get(issued.accessKeyId, issued.accessKeySecret, {}, issued.securityToken);
    expect(await sut.authenticate(req())).toMatchObject({ ok: true, principal: { type: 'AssumedRoleUser', arn: `acs:ram::${ACCOUNT}:assumed-role/deployer/alice` } });
    feed(events.sessionRevoked(issued.accessKeyId, '100'));
    expect(await sut.authenticate(req())).toMatchObject({ ok: false, error: { code: 'InvalidSecurityToken.Expired' } });
  });

  it('refuses sessions of a role revoked before their issue time, and of a deleted role', async () => {
    const issued = codec.issue(session());
    const req = () => v1Get(issued.accessKeyId, issued.accessKeySecret, {}, issued.securityToken);
    feed(events.roleSessionsRevoked('100', new Date(Date.now() - 3_600_000)));
    expect((await sut.authenticate(req())).ok).toBe(true); // issued after the cut-off
    feed(events.roleSessionsRevoked('100', new Date()));
    expect((await sut.authenticate(req())).ok).toBe(false);
    const other = codec.issue(session({ accessKeyId: 'STS.BBBBBBBBBBBBBBBBBBBBBBBB', roleId: '200', roleName: 'ops' }));
    feed(events.role('200', 'ops', trustAccount()), events.roleDeleted('200', 'ops'));
    expect(await sut.authenticate(v1Get(other.accessKeyId, other.accessKeySecret, {}, other.securityToken))).toMatchObject({ ok: false, error: { code: 'InvalidSecurityToken.Expired' } });
  });

  it('refuses a token presented with another AccessKeyId, a tampered token and an expired one', async () => {
    const issued = codec.issue(session());
    const tampered = issued.securityToken.slice(0, 40) + (issued.securityToken[40] === 'A' ? 'B' : 'A') + issued.securityToken.slice(41);
    const expired = codec.issue(session({ accessKeyId: 'STS.CCCCCCCCCCCCCCCCCCCCCCCC', issuedAt: new Date(Date.now() - 7_200_000), expiresAt: new Date(Date.now() - 3_600_000) }));
    expect(await sut.authenticate(v1Get('STS.DDDDDDDDDDDDDDDDDDDDDDDD', issued.accessKeySecret, {}, issued.securityToken))).toMatchObject({ ok: false, error: { code: 'InvalidSecurityToken.MismatchWithAccessKey' } });
    expect(await sut.authenticate(v1Get(issued.accessKeyId, issued.accessKeySecret, {}, tampered))).toMatchObject({ ok: false, error: { code: 'InvalidSecurityToken.Malformed' } });
    expect(await sut.authenticate(v1Get(expired.accessKeyId, expired.accessKeySecret, {}, expired.securityToken))).toMatchObject({ ok: false, error: { code: 'InvalidSecurityToken.Expired' } });
  });

  it('lets the anonymous federation actions through without a principal', async () => {
    const result = await sut.authenticate({ method: 'POST', path: '/', query: [['Action', 'AssumeRoleWithOIDC'], ['Version', '2015-04-01'], ['Format', 'JSON']], headers: { host: 'h' } });
    expect(result).toMatchObject({ ok: true, principal: undefined });
  });
});
