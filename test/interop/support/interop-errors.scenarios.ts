import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { parseKeyRing } from '@opensts/sts-core/crypto';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { runHttpsClient } from './https-client.runner';
import { assumeRoleV3, type InteropContext } from './interop-context';
import { failureOf, popCore, ramClient, stsClient, type SdkCredentials } from './sdk-clients';

const SIGNATURE_PREFIX = 'Specified signature is not matched with our calculation. server string to sign is:';

/** Every refusal with Alibaba's own code and a 4xx, as each SDK surfaces it (sdk-wire.md §5). */
export function errorScenarios(ctx: () => InteropContext): void {
  const assume = (caller: SdkCredentials, extra: Partial<$Sts.AssumeRoleRequest> = {}, signature: 'v3' | 'v1' = 'v3') =>
    stsClient(ctx().target.httpHost, caller, signature).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: ctx().dir.roleArn, roleSessionName: 'errors', durationSeconds: 900, ...extra }));

  it('bad signature: SignatureDoesNotMatch 400 with the exact message prefix, V3 and V1', async () => {
    const { dir } = ctx();
    for (const signature of ['v3', 'v1'] as const) {
      const f = await failureOf(() => assume({ ...dir.alice, accessKeySecret: 'not-the-secret' }, {}, signature));
      expect(f).toMatchObject({ code: 'SignatureDoesNotMatch', status: 400 });
      expect(f.message).toContain(SIGNATURE_PREFIX);
    }
  });

  it('bad signature seen by @alicloud/credentials: it recognises the message and says the secret is invalid', async () => {
    const { target: t, dir } = ctx();
    const result = await runHttpsClient<{ ok: boolean; message: string }>('credentials-provider', t.caFile, {
      ...dir.alice, accessKeySecret: 'not-the-secret', roleArn: dir.roleArn, roleSessionName: 'bad-secret', durationSeconds: 900, stsEndpoint: t.httpsHost, calls: 1,
    });
    expect(result).toEqual({ ok: false, message: 'the access key secret is invalid' });
  });

  it('unknown key: InvalidAccessKeyId.NotFound 404; inactive key: InvalidAccessKeyId.Inactive 400', async () => {
    const { dir } = ctx();
    expect(await failureOf(() => assume({ accessKeyId: 'LTAI5tNoSuchKey000000000', accessKeySecret: 'x' }))).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', status: 404 });
    expect(await failureOf(() => assume(dir.bob))).toMatchObject({ code: 'InvalidAccessKeyId.Inactive', status: 400 });
  });

  it('expired timestamp: InvalidTimeStamp.Expired 400 (pop-core lets the caller set Timestamp)', async () => {
    const { target: t, dir } = ctx();
    const old = new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const f = await failureOf(() => popCore(t.httpHost, dir.alice, '2015-04-01').request('GetCallerIdentity', { Timestamp: old }));
    expect(f).toMatchObject({ code: 'InvalidTimeStamp.Expired', status: 400 });
  });

  it('reused nonce: SignatureNonceUsed 400 (pop-core lets the caller set SignatureNonce)', async () => {
    const { target: t, dir } = ctx();
    const client = popCore(t.httpHost, dir.alice, '2015-04-01');
    const nonce = `interop-${Date.now()}-${Math.random()}`;
    await client.request('GetCallerIdentity', { SignatureNonce: nonce });
    expect(await failureOf(() => client.request('GetCallerIdentity', { SignatureNonce: nonce }))).toMatchObject({ code: 'SignatureNonceUsed', status: 400 });
  });

  it.each([
    ['bad session name', 'InvalidParameter.RoleSessionName', 400, { roleSessionName: 'no spaces allowed' }],
    ['bad duration', 'InvalidParameter.DurationSeconds', 400, { durationSeconds: 100 }],
    ['missing role', 'EntityNotExist.Role', 404, { roleArn: 'acs:ram::1234567890123456:role/no-such-role' }],
    ['bad policy', 'InvalidParameter.PolicyGrammar', 400, { policy: '{"Version":"1","Statement":[{"Effect":"Maybe"}]}' }],
  ])('%s: %s %d', async (_what, code, status, extra: Partial<$Sts.AssumeRoleRequest>) => {
    const { target: t, dir } = ctx();
    const roleArn = 'roleArn' in extra ? (extra.roleArn as string).replace('1234567890123456', t.root.accountId) : undefined;
    expect(await failureOf(() => assume(dir.alice, { ...extra, ...(roleArn && { roleArn }) }))).toMatchObject({ code, status });
  });

  it('tampered token: InvalidSecurityToken.Malformed 400, V3 header and V1 parameter', async () => {
    const { target: t, dir } = ctx();
    const { credentials } = await assumeRoleV3(t, dir.alice, dir.roleArn, 'tampered');
    const token = credentials.securityToken;
    const i = Math.floor(token.length / 2);
    const tampered = { ...credentials, securityToken: token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1) };
    for (const signature of ['v3', 'v1'] as const) {
      expect(await failureOf(() => stsClient(t.httpHost, tampered, signature).getCallerIdentity())).toMatchObject({ code: 'InvalidSecurityToken.Malformed', status: 400 });
    }
  });

  it('expired token: InvalidSecurityToken.Expired 400', async () => {
    const { target: t, dir } = ctx();
    // a token the deployment itself issued an hour ago for 15 minutes
    const codec = new SecurityTokenCodec(parseKeyRing(t.tokenKeys));
    const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const issued = codec.issue({
      accessKeyId: 'STS.InteropExpired00000000000', mechanism: 'AssumeRole', accountId: t.root.accountId, roleId: '1', roleName: dir.roleName,
      roleSessionName: 'expired', caller: { type: 'RAMUser', arn: `acs:ram::${t.root.accountId}:user/alice` }, issuedAt, expiresAt: new Date(issuedAt.getTime() + 900_000),
    });
    const expired = { accessKeyId: issued.accessKeyId, accessKeySecret: issued.accessKeySecret, securityToken: issued.securityToken };
    expect(await failureOf(() => stsClient(t.httpHost, expired).getCallerIdentity())).toMatchObject({ code: 'InvalidSecurityToken.Expired', status: 400 });
  });

  it('RAM action without permission: NoPermission 403 with AccessDeniedDetail; the root may', async () => {
    const { target: t, dir } = ctx();
    const f = await failureOf(() => ramClient(t.httpHost, dir.alice).createUser(new $Ram.CreateUserRequest({ userName: 'not-allowed' })));
    expect(f).toMatchObject({ code: 'NoPermission', status: 403 });
    const err = await ramClient(t.httpHost, dir.alice).listUsers(new $Ram.ListUsersRequest({})).catch((e: { accessDeniedDetail?: Record<string, unknown> }) => e);
    expect((err as { accessDeniedDetail?: Record<string, unknown> }).accessDeniedDetail).toMatchObject({ AuthAction: 'ram:ListUsers', NoPermissionType: 'ImplicitDeny' });
    expect((await ramClient(t.httpHost, t.root).listUsers(new $Ram.ListUsersRequest({}))).statusCode).toBe(200);
  });

  it('unknown action: InvalidAction.NotFound 404; pop-core sees the Code of the JSON envelope', async () => {
    const { target: t, dir } = ctx();
    expect(await failureOf(() => popCore(t.httpHost, dir.alice, '2015-04-01').request('DescribeRegions', {}))).toMatchObject({ code: 'InvalidAction.NotFound', status: 404 });
  });
}
