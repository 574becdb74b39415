import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { ramClient, stsClient, type SdkCredentials } from '../interop/support/sdk-clients';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import { sdkErrorOf, trustAccounts } from '../support/ram-sdk';
import { signedRequest, tokenServiceClient, TokenServicePromiseClient } from './support/token-service';

const OFFSET = 5200;
const GATEWAY_B = { instance: 'gateway-b', httpPort: 8080 + OFFSET + 10, httpsPort: 8443 + OFFSET + 10 };
const POLL_MS = 20;

type Outcome = { ok: true } | { ok: false; code: unknown; status: unknown };

/**
 * Directory changes made through the gateway with the official SDKs reach every process that
 * authenticates by the real Kafka broker: two gateway instances (each its own read model and
 * consumer group) and token-issuance (its access_view, its gRPC VerifyRequest). A new role becomes
 * assumable; a deleted or deactivated AccessKey is refused everywhere within a second.
 */
describe('directory changes propagate to every authenticating process', () => {
  let t: TestFleet;
  let issuance: TokenServicePromiseClient;
  let hosts: { gateway: string; 'gateway-b': string };
  let userKeys: SdkCredentials[];
  const ram = () => ramClient(hosts.gateway, TEST_ROOT);

  /** Each instance's answer to a freshly signed request with `key`: the gateways by the STS SDK, token-issuance over gRPC. */
  const probes = (key: SdkCredentials): Record<string, () => Promise<Outcome>> => ({
    ...Object.fromEntries(
      Object.entries(hosts).map(([name, host]) => [
        name,
        () => stsClient(host, key).getCallerIdentity().then((): Outcome => ({ ok: true }), (e: { code?: unknown; statusCode?: unknown }): Outcome => ({ ok: false, code: e.code, status: e.statusCode })),
      ]),
    ),
    'token-issuance': async () => {
      const res = await issuance.verifyRequest({ request: signedRequest('GetCallerIdentity', {}, key), context: undefined });
      return res.result?.$case === 'principal' ? { ok: true } : { ok: false, code: res.result?.value.code, status: res.result?.value.httpStatus };
    },
  });

  /** Polls every instance every ~20 ms until it refuses `key` with `code`; the ms after `since` (the request leaving) each one took. */
  async function refusedEverywhere(key: SdkCredentials, code: string, since: number): Promise<Record<string, number>> {
    const times: Record<string, number> = {};
    const last: Record<string, Outcome> = {};
    await Promise.all(
      Object.entries(probes(key)).map(async ([name, probe]) => {
        await waitUntil(async () => {
          last[name] = await probe();
          return !last[name].ok && (last[name] as { code: unknown }).code === code;
        }, 5_000, POLL_MS).catch(() => undefined);
        times[name] = Date.now() - since;
      }),
    );
    expect(last).toEqual(Object.fromEntries(Object.keys(last).map((n) => [n, expect.objectContaining({ ok: false, code })])));
    return times;
  }

  beforeAll(async () => {
    t = await createTestFleet('dir_propagation', OFFSET);
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'gateway'] as const) await t.fleet.start(s);
    await t.fleet.start('gateway', GATEWAY_B);
    hosts = { gateway: `127.0.0.1:${t.fleet.port('gateway', 'http')}`, 'gateway-b': `127.0.0.1:${GATEWAY_B.httpPort}` };
    issuance = await tokenServiceClient(t, t.fleet.port('token-issuance', 'grpc'));
    // the bootstrap root key reaches both gateways by Kafka
    for (const host of Object.values(hosts)) await waitUntil(() => ramClient(host, TEST_ROOT).listUsers(new $Ram.ListUsersRequest({})).then(() => true, () => false), 60_000, 100);

    await ram().createUser(new $Ram.CreateUserRequest({ userName: 'carol' }));
    await ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'carol' }));
    userKeys = [];
    for (let i = 0; i < 2; i++) {
      const k = (await ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' }))).body!.accessKey!;
      userKeys.push({ accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! });
    }
    // both keys, the user and its attachment reach every instance by Kafka: wait for that state
    for (const key of userKeys) for (const probe of Object.values(probes(key))) await waitUntil(async () => (await probe()).ok, 30_000, 50);
    const warmUp = (await ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'warm-up', assumeRolePolicyDocument: trustAccounts(TEST_ROOT.accountId) }))).body!.role!.arn!;
    await waitUntil(() => stsClient(hosts.gateway, userKeys[0]).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: warmUp, roleSessionName: 'warm-up' })).then(() => true, () => false), 30_000, 50);
  }, 120_000);

  afterAll(async () => {
    issuance?.close();
    await t?.teardown();
  });

  it("a role created through the gateway reaches token-issuance's access_view by Kafka and becomes assumable through both gateways", async () => {
    const assume = (host: string) => stsClient(host, userKeys[0]).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: `acs:ram::${TEST_ROOT.accountId}:role/propagated`, roleSessionName: 'carol', durationSeconds: 900 }));
    expect(await sdkErrorOf(() => assume(hosts.gateway))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });

    const role = (await ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'propagated', assumeRolePolicyDocument: trustAccounts(TEST_ROOT.accountId) }))).body!.role!;
    const created = Date.now();
    const inView = async () => (await t.query('token-issuance', "SELECT data FROM access_view WHERE kind = 'role' AND key = $1 AND NOT deleted", [role.roleId])).map((r) => JSON.parse(String(r.data)) as Record<string, unknown>);
    const [viewMs, assumableMs] = await Promise.all([
      waitUntil(async () => (await inView()).length === 1, 5_000, POLL_MS).then(() => Date.now() - created),
      waitUntil(() => assume(hosts.gateway).then(() => true, () => false), 5_000, POLL_MS).then(() => Date.now() - created),
    ]);
    console.log(`CreateRole -> in token-issuance's access_view after ${viewMs} ms, AssumeRole through the gateway succeeds after ${assumableMs} ms`);
    expect(await inView()).toEqual([expect.objectContaining({ roleId: role.roleId, roleName: 'propagated', arn: role.arn })]);
    for (const host of Object.values(hosts)) {
      const res = await assume(host);
      expect(res.body!.assumedRoleUser).toMatchObject({ arn: `${role.arn}/carol`, assumedRoleId: `${role.roleId}:carol` });
    }
  });

  it('a deleted AccessKey is refused with InvalidAccessKeyId.NotFound by both gateways and by VerifyRequest within a second', async () => {
    const key = userKeys[0];
    const client = ram();
    const request = new $Ram.DeleteAccessKeyRequest({ userName: 'carol', userAccessKeyId: key.accessKeyId });
    // the clock starts before the request leaves: a change may take effect while the answer is in flight
    const sent = Date.now();
    await client.deleteAccessKey(request);
    const answered = Date.now();
    const times = await refusedEverywhere(key, 'InvalidAccessKeyId.NotFound', sent);
    console.log(`DeleteAccessKey sent -> answered after ${answered - sent} ms, refused after ${JSON.stringify(times)} ms`);
    for (const [instance, ms] of Object.entries(times)) expect({ instance, ms: ms <= 1_000 }).toEqual({ instance, ms: true });
    expect(await sdkErrorOf(() => stsClient(hosts['gateway-b'], key).getCallerIdentity())).toEqual({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
  });

  it('an AccessKey set Inactive is refused with InvalidAccessKeyId.Inactive by both gateways and by VerifyRequest within a second', async () => {
    const key = userKeys[1];
    const client = ram();
    const request = new $Ram.UpdateAccessKeyRequest({ userName: 'carol', userAccessKeyId: key.accessKeyId, status: 'Inactive' });
    const sent = Date.now();
    await client.updateAccessKey(request);
    const answered = Date.now();
    const times = await refusedEverywhere(key, 'InvalidAccessKeyId.Inactive', sent);
    console.log(`UpdateAccessKey Inactive sent -> answered after ${answered - sent} ms, refused after ${JSON.stringify(times)} ms`);
    for (const [instance, ms] of Object.entries(times)) expect({ instance, ms: ms <= 1_000 }).toEqual({ instance, ms: true });
    expect(await sdkErrorOf(() => stsClient(hosts.gateway, key).getCallerIdentity())).toEqual({ code: 'InvalidAccessKeyId.Inactive', statusCode: 400 });

    // and back: Active again works everywhere (the change is a state, not a one-way tombstone)
    await ram().updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'carol', userAccessKeyId: key.accessKeyId, status: 'Active' }));
    for (const probe of Object.values(probes(key))) await waitUntil(async () => (await probe()).ok, 5_000, POLL_MS);
  });
});
