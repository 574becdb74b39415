import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { runHttpsClient } from './https-client.runner';
import { EXPIRATION, type InteropContext } from './interop-context';
import { callApi, popCore, ramClient, stsClient } from './sdk-clients';

type AssumeRoleBody = { RequestId: string; AssumedRoleUser: { Arn: string; AssumedRoleId: string }; Credentials: Record<string, string>; Code?: string };
type CallerBody = { IdentityType: string; Arn: string; AccountId: string };

/** What every official SDK must be able to do against OpenSTS (sdk-wire.md §2, §4, §6). */
export function successScenarios(ctx: () => InteropContext): void {
  const sessionArn = (name: string) => `acs:ram::${ctx().target.root.accountId}:role/${ctx().dir.roleName}/${name}`;
  const assumedArn = (name: string) => `acs:ram::${ctx().target.root.accountId}:assumed-role/${ctx().dir.roleName}/${name}`;

  it('sts20150401 AssumeRole with V3 and with V1 (signatureAlgorithm v2), then GetCallerIdentity with the temporary credentials', async () => {
    const { target: t, dir } = ctx();
    for (const signature of ['v3', 'v1'] as const) {
      const res = await stsClient(t.httpHost, dir.alice, signature).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: dir.roleArn, roleSessionName: `tea-${signature}`, durationSeconds: 900 }));
      expect(res.statusCode).toBe(200);
      expect(res.body!.requestId).toMatch(/^[0-9A-F-]{36}$/);
      expect(res.body!.assumedRoleUser).toMatchObject({ arn: sessionArn(`tea-${signature}`), assumedRoleId: expect.stringMatching(new RegExp(`:tea-${signature}$`)) });
      const c = res.body!.credentials!;
      expect(c.accessKeyId).toMatch(/^STS\./);
      expect(c.expiration).toMatch(EXPIRATION);
      const temp = { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! };
      const caller = await stsClient(t.httpHost, temp, signature).getCallerIdentity();
      expect(caller.body).toMatchObject({ identityType: 'AssumedRoleUser', arn: assumedArn(`tea-${signature}`), accountId: t.root.accountId });
    }
  });

  it('sts20150401 GetCallerIdentity with a long-term key, V3 and V1', async () => {
    const { target: t, dir } = ctx();
    for (const signature of ['v3', 'v1'] as const) {
      const caller = await stsClient(t.httpHost, dir.alice, signature).getCallerIdentity();
      expect(caller.body).toMatchObject({ identityType: 'RAMUser', arn: expect.stringMatching(/:user\/alice-/), accountId: t.root.accountId });
    }
  });

  it('pop-core AssumeRole over GET and POST, JSON without a Code; GetCallerIdentity with its securityToken', async () => {
    const { target: t, dir } = ctx();
    const client = popCore(t.httpHost, dir.alice, '2015-04-01');
    for (const method of ['GET', 'POST']) {
      const body = await client.request<AssumeRoleBody>('AssumeRole', { RoleArn: dir.roleArn, RoleSessionName: `pop-${method}`, DurationSeconds: 900 }, { method });
      expect(body.Code).toBeUndefined();
      expect(body.AssumedRoleUser.Arn).toBe(sessionArn(`pop-${method}`));
      const temp = { accessKeyId: body.Credentials.AccessKeyId, accessKeySecret: body.Credentials.AccessKeySecret, securityToken: body.Credentials.SecurityToken };
      const caller = await popCore(t.httpHost, temp, '2015-04-01').request<CallerBody>('GetCallerIdentity', {}, { method });
      expect(caller).toMatchObject({ IdentityType: 'AssumedRoleUser', Arn: assumedArn(`pop-${method}`) });
    }
  });

  it('openapi-client callApi (common request) AssumeRole with V3 and V1', async () => {
    const { target: t, dir } = ctx();
    for (const signature of ['v3', 'v1'] as const) {
      const res = await callApi(t.httpHost, dir.alice, signature, 'AssumeRole', '2015-04-01', { RoleArn: dir.roleArn, RoleSessionName: `callapi-${signature}`, Policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:Get*","Resource":"*"}]}' });
      expect(res.statusCode).toBe(200);
      expect((res.body as AssumeRoleBody).AssumedRoleUser.Arn).toBe(sessionArn(`callapi-${signature}`));
    }
  });

  it('@alicloud/credentials RAM-role-ARN provider obtains credentials over HTTPS and refreshes them (900 s sessions)', async () => {
    const { target: t, dir } = ctx();
    const result = await runHttpsClient<{ ok: boolean; message?: string; sessions: { accessKeyId: string; accessKeySecret: string; securityToken: string }[] }>('credentials-provider', t.caFile, {
      ...dir.alice, roleArn: dir.roleArn, roleSessionName: 'credentials-provider', durationSeconds: 900, stsEndpoint: t.httpsHost, calls: 2,
    });
    expect(result).toMatchObject({ ok: true });
    // a 900 s session is stale at once (15 min margin): every getCredential() is a fresh AssumeRole
    expect(result.sessions[0].accessKeyId).not.toBe(result.sessions[1].accessKeyId);
    const caller = await stsClient(t.httpHost, result.sessions[1]).getCallerIdentity();
    expect(caller.body!.arn).toBe(assumedArn('credentials-provider'));
  });

  it('@alicloud/sts-sdk AssumeRole and GetCallerIdentity over HTTPS', async () => {
    const { target: t, dir } = ctx();
    const result = await runHttpsClient<{ ok: boolean; assumed: AssumeRoleBody; caller: CallerBody }>('sts-sdk', t.caFile, {
      endpoint: t.httpsHost, ...dir.alice, roleArn: dir.roleArn, roleSessionName: 'sts-sdk', durationSeconds: 900,
      // sts-sdk mis-encodes `*` when signing (sdk-wire.md §3): the JSON escape spells the same policy
      policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"\\u002a"}]}',
    });
    expect(result.ok).toBe(true);
    expect(result.assumed.Code).toBeUndefined();
    expect(result.assumed.Credentials.Expiration).toMatch(EXPIRATION);
    expect(result.caller).toMatchObject({ IdentityType: 'AssumedRoleUser', Arn: assumedArn('sts-sdk') });
  });

  it('ram20150501 reads what it created, with V3 and V1', async () => {
    const { target: t, dir } = ctx();
    for (const signature of ['v3', 'v1'] as const) {
      const ram = ramClient(t.httpHost, t.root, signature);
      const role = await ram.getRole(new $Ram.GetRoleRequest({ roleName: dir.roleName }));
      expect(role.body!.role).toMatchObject({ roleName: dir.roleName, arn: dir.roleArn, maxSessionDuration: 3600 });
      const attached = await ram.listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: dir.roleName }));
      expect(attached.body!.policies!.policy!.map((p) => p.policyName)).toContain(`read-artifacts-${dir.roleName.slice('deployer-'.length)}`);
    }
  });

}
