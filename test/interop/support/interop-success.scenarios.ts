import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { runHttpsClient } from './https-client.runner';
import { EXPIRATION, type InteropContext } from './interop-context';
import { callApi, popCore, ramClient, stsClient } from './sdk-clients';
import { callApiXml, parseXml } from './xml-wire';

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

  it('Format=XML through openapi-client callApi (V3 and V1): AssumeRole and GetCallerIdentity in the XML shape of sts-api.md §3.3/§6, the credentials read from it work', async () => {
    const { target: t, dir } = ctx();
    for (const signature of ['v3', 'v1'] as const) {
      const res = await callApiXml(t.httpHost, dir.alice, signature, 'AssumeRole', '2015-04-01', { RoleArn: dir.roleArn, RoleSessionName: `xml-${signature}`, DurationSeconds: '900' });
      expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'text/xml;charset=utf-8']);
      expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      const assumed = parseXml(res.body);
      expect(assumed.name).toBe('AssumeRoleResponse');
      expect(assumed.childNames).toEqual(['RequestId', 'AssumedRoleUser', 'Credentials']);
      expect(assumed.child('RequestId').text).toBe(res.headers['x-acs-request-id']);
      const user = assumed.child('AssumedRoleUser');
      expect([...user.childNames].sort()).toEqual(['Arn', 'AssumedRoleId']);
      expect(user.child('Arn').text).toBe(sessionArn(`xml-${signature}`));
      const c = assumed.child('Credentials');
      expect([...c.childNames].sort()).toEqual(['AccessKeyId', 'AccessKeySecret', 'Expiration', 'SecurityToken']);
      expect(c.child('Expiration').text).toMatch(EXPIRATION);
      const temp = { accessKeyId: c.child('AccessKeyId').text, accessKeySecret: c.child('AccessKeySecret').text, securityToken: c.child('SecurityToken').text };
      const session = parseXml((await callApiXml(t.httpHost, temp, signature, 'GetCallerIdentity', '2015-04-01')).body);
      expect(session.name).toBe('GetCallerIdentityResponse');
      expect(session.childNames[0]).toBe('RequestId');
      expect([...session.childNames].sort()).toEqual(['AccountId', 'Arn', 'IdentityType', 'PrincipalId', 'RequestId', 'RoleId']);
      expect([session.child('IdentityType').text, session.child('Arn').text]).toEqual(['AssumedRoleUser', assumedArn(`xml-${signature}`)]);
      const ramUser = parseXml((await callApiXml(t.httpHost, dir.alice, signature, 'GetCallerIdentity', '2015-04-01')).body);
      expect([...ramUser.childNames].sort()).toEqual(['AccountId', 'Arn', 'IdentityType', 'PrincipalId', 'RequestId', 'UserId']);
      expect(ramUser.child('IdentityType').text).toBe('RAMUser');
    }
  });

  it('Format=XML for RAM reads: GetUser carries the fields of its JSON answer as elements, ListUsers repeats <User> inside <Users>', async () => {
    const { target: t, dir } = ctx();
    const userName = `alice-${dir.roleName.slice('deployer-'.length)}`;
    const json = (await callApi(t.httpHost, t.root, 'v3', 'GetUser', '2015-05-01', { UserName: userName })).body as { User: Record<string, unknown> };
    for (const signature of ['v3', 'v1'] as const) {
      const got = parseXml((await callApiXml(t.httpHost, t.root, signature, 'GetUser', '2015-05-01', { UserName: userName })).body);
      expect(got.name).toBe('GetUserResponse');
      expect(got.childNames).toEqual(['RequestId', 'User']);
      expect([...got.child('User').childNames].sort()).toEqual(Object.keys(json.User).sort());
      expect(got.child('User').child('UserName').text).toBe(userName);

      const list = parseXml((await callApiXml(t.httpHost, t.root, signature, 'ListUsers', '2015-05-01', { MaxItems: '1000' })).body);
      expect(list.name).toBe('ListUsersResponse');
      expect(list.childNames[0]).toBe('RequestId');
      expect(list.child('IsTruncated').text).toBe('false');
      const users = list.child('Users');
      expect(new Set(users.childNames)).toEqual(new Set(['User']));
      expect(users.children.map((u) => u.child('UserName').text)).toEqual(expect.arrayContaining([userName, `bob-${dir.roleName.slice('deployer-'.length)}`]));
      for (const u of users.children) expect(u.childNames).toEqual(expect.arrayContaining(['UserId', 'UserName', 'CreateDate']));
    }
  });
}
