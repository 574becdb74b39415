import RPCClient from '@alicloud/pop-core';
import type { ServiceError } from '@grpc/grpc-js';
import { opensts } from '@opensts/grpc-api';
import { Topics } from '@opensts/sts-core/events';
import { createTestFleet, TEST_GRPC_PORT_BASE, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import { readTopic, signedRequest, tokenServiceClient, TokenServicePromiseClient } from './support/token-service';
import { leaveSecondOf } from './support/wall-clock';

const OFFSET = 3200;
const B = { instance: 'token-issuance-b', httpPort: 8183 + OFFSET + 10, grpcPort: TEST_GRPC_PORT_BASE + 51 + OFFSET + 5 };

/**
 * token-issuance among the other services, each its own process (PostgreSQL, Kafka, mutual TLS):
 * the directory is built through the RAM API, credentials are obtained over gRPC, used, revoked on
 * one instance and refused by both, and a kill -9 under load loses no issued credential.
 */
describe('token-issuance distributed (two instances, directory services, gateway)', () => {
  let t: TestFleet;
  let ram: RPCClient;
  let a: TokenServicePromiseClient;
  let b: TokenServicePromiseClient;
  let alice: { accessKeyId: string; accessKeySecret: string };
  let roleArn: string;

  beforeAll(async () => {
    t = await createTestFleet('issuance', OFFSET);
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'gateway'] as const) await t.fleet.start(s);
    await t.fleet.start('token-issuance', B);
    a = await tokenServiceClient(t, t.fleet.port('token-issuance', 'grpc'));
    b = await tokenServiceClient(t, B.grpcPort);
    ram = new RPCClient({ accessKeyId: TEST_ROOT.accessKeyId, accessKeySecret: TEST_ROOT.accessKeySecret, endpoint: `http://127.0.0.1:${t.fleet.port('gateway', 'http')}`, apiVersion: '2015-05-01' });
    await waitUntil(async () => ram.request('ListUsers', {}).then(() => true, () => false), 60_000, 200);

    const call = (action: string, params: Record<string, unknown>) => ram.request<Record<string, Record<string, string>>>(action, params, { method: 'POST' });
    await call('CreateUser', { UserName: 'alice' });
    const key = await call('CreateAccessKey', { UserName: 'alice' });
    alice = { accessKeyId: key.AccessKey.AccessKeyId, accessKeySecret: key.AccessKey.AccessKeySecret };
    const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${TEST_ROOT.accountId}:root`] } }] };
    const role = await call('CreateRole', { RoleName: 'Deployer', AssumeRolePolicyDocument: JSON.stringify(trust), MaxSessionDuration: 7200 });
    roleArn = role.Role.Arn;
    await call('CreatePolicy', { PolicyName: 'ReadArtifacts', PolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:artifacts/*' }] }) });
    await call('AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: 'ReadArtifacts', RoleName: 'Deployer' });
    await call('AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AliyunSTSAssumeRoleAccess', UserName: 'alice' });
  }, 240_000);

  afterAll(async () => {
    a?.close();
    b?.close();
    await t?.teardown();
  });

  const assumeRole = (client: TokenServicePromiseClient, sessionName: string, extra: Record<string, string> = {}) =>
    client.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: roleArn, RoleSessionName: sessionName, ...extra }, alice) }, params: undefined, context: undefined });
  const verify = (client: TokenServicePromiseClient, creds: opensts.Credentials) => client.verifyRequest({ request: signedRequest('GetCallerIdentity', {}, creds), context: undefined });
  // session administration as the gateway asks it: the account root it verified, handed over on its certificate
  const root = () => ({ $case: 'principal' as const, value: { type: opensts.PrincipalType.PRINCIPAL_TYPE_ACCOUNT, accountId: TEST_ROOT.accountId, arn: `acs:ram::${TEST_ROOT.accountId}:root`, principalId: TEST_ROOT.accountId, userId: '', userName: '', accessKeyId: TEST_ROOT.accessKeyId, session: undefined } });

  it('issues over gRPC once the directory reached token-issuance, and the credentials verify and authorise on both instances', async () => {
    // the directory arrives by Kafka: retry until token-issuance knows the user, the role and the attachments
    let issued: opensts.AssumeRoleResponse | undefined;
    await waitUntil(async () => (issued = await assumeRole(a, 'e2e-first', { DurationSeconds: '7200' }).catch(() => undefined)) !== undefined, 60_000, 200);
    const creds = issued!.credentials!;
    expect(issued!.assumedRoleUser).toEqual({ arn: `acs:ram::${TEST_ROOT.accountId}:role/Deployer/e2e-first`, assumedRoleId: expect.stringMatching(/^\d+:e2e-first$/) });
    expect(creds.expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(creds.expiration) - Date.now()).toBeGreaterThan(7_100_000);

    for (const client of [a, b]) {
      const verified = await verify(client, creds);
      expect(verified.result).toMatchObject({ $case: 'principal', value: { type: opensts.PrincipalType.PRINCIPAL_TYPE_ASSUMED_ROLE, arn: `acs:ram::${TEST_ROOT.accountId}:assumed-role/Deployer/e2e-first` } });
      const byToken = (action: string, resource: string) => client.authorize({ subject: { $case: 'securityToken', value: creds.securityToken }, action, resource, context: {} });
      expect(await byToken('oss:GetObject', 'acs:oss:*:*:artifacts/build.tgz')).toMatchObject({ decision: opensts.Decision.DECISION_ALLOW, deciding: { policy: 'policy:Custom:ReadArtifacts' } });
      expect((await byToken('oss:PutObject', 'acs:oss:*:*:artifacts/build.tgz')).decision).toBe(opensts.Decision.DECISION_IMPLICIT_DENY);
      const principal = verified.result?.$case === 'principal' ? verified.result.value : undefined;
      const byPrincipal = await client.authorize({ subject: { $case: 'principal', value: principal! }, action: 'oss:GetObject', resource: 'acs:oss:*:*:artifacts/x', context: {} });
      expect(byPrincipal.decision).toBe(opensts.Decision.DECISION_ALLOW);
    }

    const listed = await a.listSessions({ accountId: TEST_ROOT.accountId, roleArn, maxItems: 0, marker: '', caller: root(), context: undefined });
    expect(listed.sessions.map((s) => s.accessKeyId)).toContain(creds.accessKeyId);
  });

  it('answers the official SDK through the gateway: AssumeRole, then GetCallerIdentity with the temporary credentials', async () => {
    const endpoint = `http://127.0.0.1:${t.fleet.port('gateway', 'http')}`;
    const sts = new RPCClient({ ...alice, endpoint, apiVersion: '2015-04-01' });
    const body = await sts.request<{ RequestId: string; AssumedRoleUser: Record<string, string>; Credentials: Record<string, string>; SourceIdentity?: string }>(
      'AssumeRole',
      { RoleArn: roleArn, RoleSessionName: 'sdk-session', DurationSeconds: 900, SourceIdentity: 'alice.ci' },
      { method: 'POST' },
    );
    expect(body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/),
      AssumedRoleUser: { Arn: `acs:ram::${TEST_ROOT.accountId}:role/Deployer/sdk-session`, AssumedRoleId: expect.stringMatching(/^\d+:sdk-session$/) },
      Credentials: { AccessKeyId: expect.stringMatching(/^STS\./), AccessKeySecret: expect.any(String), SecurityToken: expect.any(String), Expiration: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) },
      SourceIdentity: 'alice.ci',
    });
    const c = body.Credentials;
    const asSession = new RPCClient({ accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken, endpoint, apiVersion: '2015-04-01' });
    expect(await asSession.request('GetCallerIdentity', {})).toMatchObject({
      IdentityType: 'AssumedRoleUser',
      AccountId: TEST_ROOT.accountId,
      Arn: `acs:ram::${TEST_ROOT.accountId}:assumed-role/Deployer/sdk-session`,
      PrincipalId: body.AssumedRoleUser.AssumedRoleId,
    });
    const refused = await sts.request('AssumeRole', { RoleArn: roleArn, RoleSessionName: 'sdk-session', DurationSeconds: 7201 }, { method: 'POST' }).catch((e: { code?: string; data?: { Code?: string } }) => e);
    expect(refused).toMatchObject({ data: { Code: 'InvalidParameter.DurationSeconds' } });
  });

  it('refuses a session on every instance within a second of RevokeSession', async () => {
    const creds = (await assumeRole(a, 'e2e-revoked')).credentials!;
    for (const client of [a, b]) expect((await verify(client, creds)).result?.$case).toBe('principal');

    const started = Date.now();
    expect(await a.revokeSession({ accessKeyId: creds.accessKeyId, reason: 'e2e', caller: root(), context: undefined })).toEqual({ revoked: true });
    const refusedAfter: Record<string, number> = {};
    await Promise.all(
      (Object.entries({ 'token-issuance': a, 'token-issuance-b': b }) as [string, TokenServicePromiseClient][]).map(async ([name, client]) => {
        await waitUntil(async () => (await verify(client, creds)).result?.$case === 'error', 5_000, 10);
        refusedAfter[name] = Date.now() - started;
      }),
    );
    console.log(`RevokeSession -> refused on every instance: ${JSON.stringify(refusedAfter)} ms after the call`);
    expect(Math.max(...Object.values(refusedAfter))).toBeLessThan(1_000);
    expect((await verify(b, creds)).result).toMatchObject({ $case: 'error', value: { code: 'InvalidSecurityToken.Expired', httpStatus: 400 } });
    expect((await a.listSessions({ accountId: TEST_ROOT.accountId, roleArn: '', maxItems: 1000, marker: '', caller: root(), context: undefined })).sessions.map((s) => s.accessKeyId)).not.toContain(creds.accessKeyId);
  });

  it('refuses every earlier session of a role on every instance within a second of RevokeRoleSessions', async () => {
    const creds = (await assumeRole(b, 'e2e-role-cut')).credentials!;
    await leaveSecondOf(Date.now()); // issuedAt has second precision: the cut falls in a later second than the issuance
    const started = Date.now();
    // the root's own signed request this time: any peer may send one
    const signedByRoot = signedRequest('RevokeRoleSessions', { RoleArn: roleArn }, TEST_ROOT);
    const { revokedBefore } = await b.revokeRoleSessions({ roleArn: '', issuedBefore: '', caller: { $case: 'signedRequest', value: signedByRoot }, context: undefined });
    expect(Date.parse(revokedBefore)).toBeGreaterThan(Date.parse(creds.expiration) - 3_600_000);
    const times = await Promise.all([a, b].map(async (client) => (await waitUntil(async () => (await verify(client, creds)).result?.$case === 'error', 5_000, 10), Date.now() - started)));
    console.log(`RevokeRoleSessions -> refused on every instance after ${JSON.stringify(times)} ms`);
    expect(Math.max(...times)).toBeLessThan(1_000);
    await leaveSecondOf(Date.parse(revokedBefore)); // and a session issued after it in a later second than the cut
    const later = (await assumeRole(a, 'e2e-after-cut')).credentials!;
    expect((await verify(b, later)).result?.$case).toBe('principal');
  });

  it('refuses with the Alibaba error: unknown role, bad session name, principal handed over by a non-gateway peer', async () => {
    const unknown = await assumeRole(a, 'e2e-x', { RoleArn: `acs:ram::${TEST_ROOT.accountId}:role/nope` }).catch((e: ServiceError) => e);
    expect((unknown as ServiceError).metadata.get('x-acs-error-code')).toEqual(['EntityNotExist.Role']);
    const badName = await assumeRole(a, 'x').catch((e: ServiceError) => e);
    expect((badName as ServiceError).metadata.get('x-acs-error-code')).toEqual(['InvalidParameter.RoleSessionName']);
    const policyService = await tokenServiceClient(t, t.fleet.port('token-issuance', 'grpc'), 'policy');
    try {
      const handedOver = await policyService
        .getCallerIdentity({ caller: { $case: 'principal', value: { type: opensts.PrincipalType.PRINCIPAL_TYPE_ACCOUNT, accountId: TEST_ROOT.accountId, arn: `acs:ram::${TEST_ROOT.accountId}:root`, principalId: '', userId: '', userName: '', accessKeyId: TEST_ROOT.accessKeyId, session: undefined } }, context: undefined })
        .catch((e: ServiceError) => e);
      expect((handedOver as ServiceError).metadata.get('x-acs-error-code')).toEqual(['Forbidden.PrincipalHandover']);
    } finally {
      policyService.close();
    }
  });

  it('loses no issued credential when killed -9 under load, and publishes each event once to a deduping consumer', async () => {
    const instance = t.fleet.processes.find((p) => p.options.instance === 'token-issuance')!;
    const received: string[] = [];
    let failures = 0;
    let stop = false;
    let n = 0;
    const client = await tokenServiceClient(t, t.fleet.port('token-issuance', 'grpc'));
    const worker = async () => {
      while (!stop) {
        try {
          const r = await assumeRole(client, `crash-${++n}`);
          received.push(r.credentials!.accessKeyId);
        } catch {
          failures++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await waitUntil(() => received.length >= 300, 60_000, 10);
    await instance.kill();
    const atKill = received.length;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(workers);
    client.close();
    await instance.start();
    console.log(`crash: ${atKill} credentials received before kill -9, ${received.length} in total, ${failures} calls failed`);

    await waitUntil(async () => Number((await t.query('token-issuance', 'SELECT COUNT(*) AS n FROM outbox'))[0].n) === 0, 60_000, 200);
    const streams = new Set((await t.query('token-issuance', "SELECT stream_id FROM events WHERE event_type = 'SessionIssued'")).map((r) => String(r.stream_id)));
    const missingInStore = received.filter((id) => !streams.has(`session-${id}`));
    expect(missingInStore).toEqual([]);

    const onKafka = (await readTopic(t.namespace, Topics.issuance)).filter((e) => e.type === 'SessionIssued');
    const byEventId = new Map<string, string>();
    for (const e of onKafka) {
      const body = JSON.stringify(e);
      // a redelivery after the crash is the same event (same id, same content), never a new one
      if (byEventId.has(e.eventId)) expect(body).toBe(byEventId.get(e.eventId));
      byEventId.set(e.eventId, body);
    }
    const issuedOnKafka = new Set([...byEventId.values()].map((b) => (JSON.parse(b) as { payload: { accessKeyId: string } }).payload.accessKeyId));
    expect(received.filter((id) => !issuedOnKafka.has(id))).toEqual([]);
    // one event per stored event: the deduped stream has exactly as many SessionIssued as the store
    expect(byEventId.size).toBe(streams.size);
    console.log(`crash: ${onKafka.length} SessionIssued messages on Kafka, ${byEventId.size} distinct event ids, ${streams.size} in the event store`);
  });
});
