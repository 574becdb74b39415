import RPCClient from '@alicloud/pop-core';
import type { ServiceError } from '@grpc/grpc-js';
import type { opensts } from '@opensts/grpc-api';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import { tokenServiceClient, TokenServicePromiseClient } from './support/token-service';

const OFFSET = 3800;

type Credentials = { accessKeyId: string; accessKeySecret: string };

/**
 * The gateway and token-issuance as separate processes (PostgreSQL, Kafka, mutual TLS): a signed
 * AssumeRole captured on the gateway's plain HTTP cannot be replayed as TokenService/AssumeRole
 * {signed_request}, nor the other way round — both claim its SignatureNonce in the deployment's
 * one nonce database (ADR 0006).
 */
describe('one SignatureNonce replay cache across the gateway and token-issuance processes', () => {
  let t: TestFleet;
  let grpc: TokenServicePromiseClient;
  let httpHost: string;
  let alice: Credentials;
  let roleArn: string;

  /** A V1-signed POST AssumeRole by alice: the parameters an eavesdropper reads off the URL. */
  const capture = (session: string) =>
    signV1({ method: 'POST', params: { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RoleArn: roleArn, RoleSessionName: session }, credentials: alice });
  const overHttp = async (signed: Record<string, string>) => {
    const res = await fetch(`http://${httpHost}/?${toQueryString(signed)}`, { method: 'POST' });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const overGrpc = (signed: Record<string, string>) => {
    const request: opensts.SignedRequest = {
      method: 'POST',
      path: '/',
      query: Object.entries(signed).map(([name, value]) => ({ name, value })),
      form: [],
      headers: [{ name: 'host', value: httpHost }],
      bodySha256: '',
      sourceIp: '127.0.0.1',
      secureTransport: false,
      body: Buffer.alloc(0),
    };
    return grpc.assumeRole({ caller: { $case: 'signedRequest', value: request }, params: undefined, context: undefined });
  };
  const refusal = (err: unknown) => (err as ServiceError).metadata?.get('x-acs-error-code')[0];

  beforeAll(async () => {
    t = await createTestFleet('replay', OFFSET);
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'gateway'] as const) await t.fleet.start(s);
    httpHost = `127.0.0.1:${t.fleet.port('gateway', 'http')}`;
    // a signed request proves itself: any certificate of the deployment's CA may send one (not only the gateway's)
    grpc = await tokenServiceClient(t, t.fleet.port('token-issuance', 'grpc'), 'policy');

    const ram = new RPCClient({ accessKeyId: TEST_ROOT.accessKeyId, accessKeySecret: TEST_ROOT.accessKeySecret, endpoint: `http://${httpHost}`, apiVersion: '2015-05-01' });
    await waitUntil(async () => ram.request('ListUsers', {}).then(() => true, () => false), 60_000, 200);
    const call = (action: string, params: Record<string, unknown>) => ram.request<Record<string, Record<string, string>>>(action, params, { method: 'POST' });
    await call('CreateUser', { UserName: 'alice' });
    const key = await call('CreateAccessKey', { UserName: 'alice' });
    alice = { accessKeyId: key.AccessKey.AccessKeyId, accessKeySecret: key.AccessKey.AccessKeySecret };
    const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${TEST_ROOT.accountId}:root`] } }] };
    roleArn = (await call('CreateRole', { RoleName: 'Deployer', AssumeRolePolicyDocument: JSON.stringify(trust) })).Role.Arn;
    await call('AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AliyunSTSAssumeRoleAccess', UserName: 'alice' });
    // the directory reaches the gateway's and token-issuance's views by Kafka: both must issue before a refusal means anything
    await waitUntil(async () => (await overHttp(capture('warm-up-http'))).status === 200, 60_000, 200);
    await waitUntil(async () => overGrpc(capture('warm-up-grpc')).then(() => true, () => false), 60_000, 200);
  }, 240_000);

  afterAll(async () => {
    grpc?.close();
    await t?.teardown();
  });

  it('refuses over gRPC an AssumeRole the gateway already accepted over HTTP', async () => {
    const captured = capture('http-first');
    const accepted = await overHttp(captured);
    expect(accepted.status).toBe(200);
    expect(await t.query('nonces', 'SELECT access_key_id FROM signature_nonces WHERE nonce = $1', [captured.SignatureNonce])).toEqual([{ access_key_id: alice.accessKeyId }]);

    expect(await overGrpc(captured).then(() => 'issued', refusal)).toBe('SignatureNonceUsed');
  });

  it('refuses over HTTP an AssumeRole token-issuance already accepted over gRPC', async () => {
    const captured = capture('grpc-first');
    expect((await overGrpc(captured)).credentials?.accessKeyId).toMatch(/^STS\./);

    const replayed = await overHttp(captured);
    expect([replayed.status, replayed.body.Code]).toEqual([400, 'SignatureNonceUsed']);
  });
});
