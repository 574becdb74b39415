import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import { prepareContext, type InteropContext } from '../interop/support/interop-context';
import { errorScenarios } from '../interop/support/interop-errors.scenarios';
import { buildSamlResponse } from '../../libs/sts-core/src/federation/saml/testing/saml-idp.fixture';
import { anonymousSts, federationNames, federationScenarios, startFederationFixtures, type FederationFixtures } from '../interop/support/federation.scenarios';
import * as $Sts from '@alicloud/sts20150401';
import { Topics } from '../../libs/sts-core/src/events';
import { signV1, toQueryString } from '../../libs/sts-core/src/signing';
import { readTopic } from './support/token-service';
import { successScenarios } from '../interop/support/interop-success.scenarios';
import type { InteropTarget } from '../interop/support/interop-target';
import { failureOf, popCore } from '../interop/support/sdk-clients';

const OFFSET = 3400;
const GATEWAY_B = { instance: 'gateway-b', httpPort: 8080 + OFFSET + 10, httpsPort: 8443 + OFFSET + 10 };

/**
 * The official Alibaba SDKs — and nothing else — against the distributed mode: every service its
 * own process over Kafka and PostgreSQL, mutual TLS between them, two gateway instances sharing
 * the gateway database and the deployment's nonce database.
 */
describe('official SDKs against the distributed mode (two gateways)', () => {
  let t: TestFleet;
  let target: InteropTarget;
  let ctx: InteropContext;
  let federation: FederationFixtures | undefined;

  beforeAll(async () => {
    federation = await startFederationFixtures();
    t = await createTestFleet('interop', OFFSET, { ...federation.stsEnv });
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'audit', 'gateway'] as const) await t.fleet.start(s);
    await t.fleet.start('gateway', GATEWAY_B);
    target = {
      httpHost: `127.0.0.1:${t.fleet.port('gateway', 'http')}`,
      httpsHost: `127.0.0.1:${t.fleet.port('gateway', 'https')}`,
      caFile: join(t.dataDir, 'tls', 'ca.pem'),
      root: TEST_ROOT,
      tokenKeys: readFileSync(join(t.dataDir, 'token-keys'), 'utf8').trim(),
    };
    // the bootstrap root key reaches the gateway by Kafka
    await waitUntil(async () => popCore(target.httpHost, TEST_ROOT, '2015-05-01').request('ListUsers', {}).then(() => true, () => false), 60_000, 200);
    ctx = await prepareContext(target, 'dist');
  }, 300_000);

  afterAll(async () => {
    await t?.teardown();
    await federation?.close();
  });

  describe('successes', () => successScenarios(() => ctx));
  describe('refusals', () => errorScenarios(() => ctx));
  describe('federation', () => federationScenarios(() => ctx, () => federation!, 'dist'));

  it('refuses on one gateway instance a nonce already used on the other', async () => {
    const hostB = `127.0.0.1:${GATEWAY_B.httpPort}`;
    await waitUntil(async () => popCore(hostB, ctx.dir.alice, '2015-04-01').request('GetCallerIdentity', {}).then(() => true, () => false), 60_000, 200);
    const nonce = `shared-${Date.now()}`;
    await popCore(target.httpHost, ctx.dir.alice, '2015-04-01').request('GetCallerIdentity', { SignatureNonce: nonce });
    expect(await failureOf(() => popCore(hostB, ctx.dir.alice, '2015-04-01').request('GetCallerIdentity', { SignatureNonce: nonce }))).toMatchObject({ code: 'SignatureNonceUsed', status: 400 });
    const other = `shared-b-${Date.now()}`;
    await popCore(hostB, ctx.dir.alice, '2015-04-01').request('GetCallerIdentity', { SignatureNonce: other });
    expect(await failureOf(() => popCore(target.httpHost, ctx.dir.alice, '2015-04-01').request('GetCallerIdentity', { SignatureNonce: other }))).toMatchObject({ code: 'SignatureNonceUsed' });
  });

  it('records a SAML session in the audit trail as sts:AssumeRoleWithSAML, by the provider, with the person its IdP vouched for', async () => {
    // the providers and roles are the ones the federation scenarios above registered
    const names = federationNames(target.root.accountId, 'dist');
    const assertion = buildSamlResponse(federation!.saml, { roles: [`${names.samlRoleArn},${names.samlProviderArn}`], roleSessionNames: ['carol'], nameId: 'carol@example.com' });
    const res = await anonymousSts(target.httpHost).assumeRoleWithSAML(new $Sts.AssumeRoleWithSAMLRequest({ SAMLProviderArn: names.samlProviderArn, roleArn: names.samlRoleArn, SAMLAssertion: assertion }));
    const requestId = res.body!.requestId!;
    const sql = "SELECT action, principal_arn, record FROM audit_records WHERE request_id = $1 AND source_event_type = 'SessionIssued'";
    await waitUntil(async () => (await t.query('audit', sql, [requestId])).length === 1, 30_000, 200);
    const [row] = await t.query('audit', sql, [requestId]);
    expect(row).toMatchObject({ action: 'sts:AssumeRoleWithSAML', principal_arn: names.samlProviderArn });
    expect(JSON.parse(String(row.record)).detail).toMatchObject({ roleSessionName: 'carol', 'federatedIdentity.subject': 'carol@example.com', 'federatedIdentity.issuer': federation!.saml.entityId });
    expect(String(row.record)).not.toContain(res.body!.credentials!.accessKeySecret!);
  });

  it("carries the caller's W3C trace context from its HTTP request through the gateway and token-issuance (gRPC) to the SessionIssued on Kafka, with nothing exported", async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const params = { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RoleArn: ctx.dir.roleArn, RoleSessionName: 'traced', DurationSeconds: '900' };
    const res = await fetch(`http://${target.httpHost}/?${toQueryString(signV1({ method: 'POST', params, credentials: ctx.dir.alice }))}`, { method: 'POST', headers: { traceparent } });
    expect(res.status).toBe(200);
    const { RequestId: requestId } = (await res.json()) as { RequestId: string };
    let issued: { traceparent?: string } | undefined;
    await waitUntil(async () => (issued = (await readTopic(t.namespace, Topics.issuance)).find((e) => e.type === 'SessionIssued' && e.requestId === requestId)) !== undefined, 30_000, 200);
    expect(issued!.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
  });

  it('records a refused call in the audit trail under the RequestId the client saw', async () => {
    const f = (await popCore(target.httpHost, { accessKeyId: 'LTAI5tAuditedNobody00000', accessKeySecret: 'x' }, '2015-04-01')
      .request('GetCallerIdentity', {})
      .catch((e: { data: { RequestId: string } }) => e)) as { data: { RequestId: string } };
    const requestId = f.data.RequestId;
    await waitUntil(async () => (await t.query('audit', 'SELECT 1 FROM audit_records WHERE request_id = $1', [requestId])).length === 1, 30_000, 200);
    const [row] = await t.query('audit', 'SELECT action, outcome, error_code, record FROM audit_records WHERE request_id = $1', [requestId]);
    expect(row).toMatchObject({ action: 'sts:GetCallerIdentity', outcome: 'Failed', error_code: 'InvalidAccessKeyId.NotFound' });
    expect(JSON.parse(String(row.record)).detail).toMatchObject({ product: 'Sts', httpStatus: 404, errorCode: 'InvalidAccessKeyId.NotFound', sourceIp: '127.0.0.1' });
  });
});
