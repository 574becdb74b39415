import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, ServiceError } from '@grpc/grpc-js';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { opensts } from '@opensts/grpc-api';
import { createLogger, GrpcServerHost, loadConfig, NestPinoLogger } from '@opensts/platform';
import { signV1, signV3, toQueryString } from '@opensts/sts-core/signing';
import { gatewayFastifyAdapter } from '../../gateway/src/http/http-server.options';
import { TokenServicePromiseClient } from '../../token-issuance/test/token-service.client';
import { EmbeddedAppModule } from './embedded-app.module';

const ROOT = { accountId: '1234567890123456', accessKeyId: 'LTAI5tReplayRoot00000000', accessKeySecret: 'ReplayRootSecret0000000000000x' };
const ROLE_ARN = `acs:ram::${ROOT.accountId}:role/deployer`;

/** What an eavesdropper on the gateway's plain HTTP keeps of a request: enough to send it again, to either API. */
interface Captured {
  method: 'POST';
  query: Record<string, string>;
  headers: Record<string, string>;
}

const pairs = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => ({ name, value }));
type Credentials = { accessKeyId: string; accessKeySecret: string };
const v1 = (action: string, params: Record<string, string>, signer: Credentials, version = '2015-04-01'): Captured => ({
  method: 'POST',
  query: signV1({ method: 'POST', params: { Action: action, Version: version, Format: 'JSON', ...params }, credentials: signer }),
  headers: {},
});

/**
 * `npm start`'s composition in this process (every service, SQLite, in-process bus): a request
 * signed once is accepted once, whichever of the gateway (HTTP) and token-issuance (gRPC
 * TokenService) verifies it first — both claim its SignatureNonce in the one replay cache.
 */
describe('one SignatureNonce replay cache for the gateway and token-issuance (embedded)', () => {
  let app: NestFastifyApplication;
  let grpc: TokenServicePromiseClient;
  let host: string;
  let alice: Credentials;

  const overHttp = async (r: Captured) => {
    const res = await fetch(`http://${host}/?${toQueryString(r.query)}`, { method: r.method, headers: r.headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const asSignedRequest = (r: Captured): opensts.SignedRequest => ({
    method: r.method,
    path: '/',
    query: pairs(r.query),
    form: [],
    headers: pairs({ host, ...r.headers }),
    bodySha256: r.headers['x-acs-content-sha256'] ?? '',
    sourceIp: '127.0.0.1',
    secureTransport: false,
    body: Buffer.alloc(0),
  });
  const assumeRoleOverGrpc = (r: Captured) => grpc.assumeRole({ caller: { $case: 'signedRequest', value: asSignedRequest(r) }, params: undefined, context: undefined });
  const refusal = (err: unknown) => (err as ServiceError).metadata?.get('x-acs-error-code')[0];
  const assumeRole = (session: string) => v1('AssumeRole', { RoleArn: ROLE_ARN, RoleSessionName: session }, alice);

  beforeAll(async () => {
    const config = loadConfig({
      STS_MODE: 'embedded',
      STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-replay-')),
      STS_HTTP_PORT: '0',
      STS_HTTPS_PORT: '0',
      STS_GRPC_PORT: '0',
      STS_MASTER_KEY: randomBytes(32).toString('base64'),
      STS_BOOTSTRAP_ACCOUNT_ID: ROOT.accountId,
      STS_BOOTSTRAP_ACCESS_KEY_ID: ROOT.accessKeyId,
      STS_BOOTSTRAP_ACCESS_KEY_SECRET: ROOT.accessKeySecret,
      STS_LOG_LEVEL: 'silent',
    });
    const logger = createLogger('replay-test', 'silent');
    app = await NestFactory.create<NestFastifyApplication>(EmbeddedAppModule.compose(config, logger), gatewayFastifyAdapter(), { logger: new NestPinoLogger(logger), abortOnError: false });
    await app.listen(0, '127.0.0.1');
    host = `127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    grpc = new TokenServicePromiseClient(`127.0.0.1:${app.get(GrpcServerHost).port}`, credentials.createInsecure());

    // roots may not assume roles: alice, a RAM user of the account, does
    const ram = async (action: string, params: Record<string, string>) => {
      const res = await overHttp(v1(action, params, ROOT, '2015-05-01'));
      if (res.status !== 200) throw new Error(`${action}: ${JSON.stringify(res.body)}`);
      return res.body as Record<string, Record<string, string>>;
    };
    const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ROOT.accountId}:root`] } }] };
    await ram('CreateRole', { RoleName: 'deployer', AssumeRolePolicyDocument: JSON.stringify(trust) });
    await ram('CreateUser', { UserName: 'alice' });
    const key = (await ram('CreateAccessKey', { UserName: 'alice' })).AccessKey;
    alice = { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret };
    await ram('AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AliyunSTSAssumeRoleAccess', UserName: 'alice' });
    // the directory reaches the gateway's and token-issuance's views through the bus
    for (const deadline = Date.now() + 10_000; (await overHttp(assumeRole('warm-up'))).status !== 200; ) {
      if (Date.now() > deadline) throw new Error('the directory never reached token-issuance');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    grpc?.close();
    await app?.close();
  });

  it('refuses over gRPC an AssumeRole the gateway already accepted over HTTP', async () => {
    const captured = assumeRole('http-first');
    const accepted = await overHttp(captured);
    expect(accepted.status).toBe(200);
    expect(accepted.body.Credentials).toBeDefined();

    const replayed = await assumeRoleOverGrpc(captured).then(() => undefined, refusal);
    expect(replayed).toBe('SignatureNonceUsed');
  });

  it('refuses over HTTP an AssumeRole token-issuance already accepted over gRPC', async () => {
    const captured = assumeRole('grpc-first');
    const issued = await assumeRoleOverGrpc(captured);
    expect(issued.credentials?.accessKeyId).toMatch(/^STS\./);

    const replayed = await overHttp(captured);
    expect([replayed.status, replayed.body.Code]).toEqual([400, 'SignatureNonceUsed']);
  });

  it('refuses over HTTP a V3 request token-issuance already verified (VerifyRequest)', async () => {
    const captured: Captured = { method: 'POST', query: {}, headers: signV3({ method: 'POST', host, action: 'GetCallerIdentity', version: '2015-04-01', credentials: ROOT }) };
    const verified = await grpc.verifyRequest({ request: asSignedRequest(captured), context: undefined });
    expect(verified.result?.$case).toBe('principal');

    const replayed = await overHttp(captured);
    expect([replayed.status, replayed.body.Code]).toEqual([400, 'SignatureNonceUsed']);
  });
});
