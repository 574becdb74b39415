import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { SERVICES } from '@opensts/platform/launcher';
import { popCore, ramClient, stsClient, type SdkCredentials } from '../interop/support/sdk-clients';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import { fleetDatabases, fleetLogs, fleetTopics, occurrences, type Haystacks } from '../support/fleet-haystacks';
import { trustAccounts } from '../support/ram-sdk';
import { buildIdpMetadata, buildSamlResponse } from '../../libs/sts-core/src/federation/saml/testing/saml-idp.fixture';
import { anonymousSts, startFederationFixtures, type FederationFixtures } from '../interop/support/federation.scenarios';
import { IMS_TRANSPORTS } from '../interop/support/ims-clients';

const OFFSET = 5800;

/**
 * Secrets never rest in clear anywhere the fleet writes: after real traffic through the gateway
 * with the official SDKs (a RAM user's AccessKey created by the SDK and used, AssumeRole, the
 * temporary credentials used with V3 headers and V1 query/form parameters, refused calls that
 * audit records, AssumeRoleWithOIDC and AssumeRoleWithSAML accepted and refused), every process's log (at debug level), every table of every service database
 * and every message of every topic of the fleet's Kafka namespace are searched.
 */
describe('no secret in clear in the logs, databases or topics of the whole fleet', () => {
  let t: TestFleet;
  let host: string;
  let userKey: SdkCredentials;
  let session: Required<SdkCredentials> & { accessKeyId: string };
  let refusedRequestId: string;
  let responses: { createAccessKey: unknown; assumeRole: unknown };
  let haystacks: Haystacks;
  let federation: FederationFixtures | undefined;
  const federated: Record<string, string> = {};
  const federatedKeyIds: string[] = [];

  beforeAll(async () => {
    federation = await startFederationFixtures();
    t = await createTestFleet('dir_secrets', OFFSET, { STS_LOG_LEVEL: 'debug', ...federation.stsEnv });
    for (const s of SERVICES) await t.fleet.start(s);
    host = `127.0.0.1:${t.fleet.port('gateway', 'http')}`;
    const ram = ramClient(host, TEST_ROOT);
    // the bootstrap root key reaches the gateway by Kafka
    await waitUntil(() => ram.listUsers(new $Ram.ListUsersRequest({})).then(() => true, () => false), 60_000, 100);

    await ram.createUser(new $Ram.CreateUserRequest({ userName: 'keeper' }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'keeper' }));
    const created = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'keeper' }))).body!;
    userKey = { accessKeyId: created.accessKey!.accessKeyId!, accessKeySecret: created.accessKey!.accessKeySecret! };
    const roleArn = (await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'vault', assumeRolePolicyDocument: trustAccounts(TEST_ROOT.accountId) }))).body!.role!.arn!;

    // the key, its attachment and the role reach gateway and token-issuance by Kafka: wait until AssumeRole works
    let assumed: $Sts.AssumeRoleResponseBody | undefined;
    await waitUntil(async () => (assumed = await stsClient(host, userKey).assumeRole(new $Sts.AssumeRoleRequest({ roleArn, roleSessionName: 'keeper', durationSeconds: 900 })).then((r) => r.body!, () => undefined)) !== undefined, 30_000, 50);
    const c = assumed!.credentials!;
    session = { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! };
    responses = { createAccessKey: created.toMap(), assumeRole: assumed!.toMap() };

    // use both credentials the ways clients do: V3 headers, V1 query (POST and pop-core's GET) and form body
    await stsClient(host, userKey).getCallerIdentity();
    await stsClient(host, userKey, 'v1').getCallerIdentity();
    await stsClient(host, session).getCallerIdentity();
    await stsClient(host, session, 'v1').getCallerIdentity();
    await popCore(host, session, '2015-04-01').request('GetCallerIdentity', {});
    await popCore(host, session, '2015-04-01').request('GetCallerIdentity', {}, { method: 'POST' });
    // refused calls: audited, and SignatureDoesNotMatch echoes the string to sign to the client
    await ramClient(host, session).listUsers(new $Ram.ListUsersRequest({})).catch(() => undefined);
    await stsClient(host, { ...userKey, accessKeySecret: 'not-the-secret' }, 'v1').getCallerIdentity().catch(() => undefined);
    const refused = await popCore(host, { ...session, accessKeySecret: 'not-the-secret' }, '2015-04-01')
      .request('GetCallerIdentity', {})
      .then(() => undefined, (e: { data?: { RequestId?: string; Code?: string } }) => e.data);
    expect(refused).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    refusedRequestId = refused!.RequestId!;

    // federation: what the caller brings (an ID token, a SAML assertion) is a credential too
    const fx = federation!;
    const ims = IMS_TRANSPORTS['callApi V3'](host, TEST_ROOT);
    await ims('CreateOIDCProvider', { OIDCProviderName: 'ci', IssuerUrl: fx.oidc.issuerUrl, Fingerprints: fx.oidc.caFingerprint, ClientIds: 'sts.aliyuncs.com' });
    await ims('CreateSAMLProvider', { SAMLProviderName: 'corp', EncodedSAMLMetadataDocument: buildIdpMetadata(fx.saml) });
    const oidcProvider = `acs:ram::${TEST_ROOT.accountId}:oidc-provider/ci`;
    const samlProvider = `acs:ram::${TEST_ROOT.accountId}:saml-provider/corp`;
    const federatedTrust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [oidcProvider, samlProvider] } }] });
    const federatedRole = (await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'federated', assumeRolePolicyDocument: federatedTrust }))).body!.role!.arn!;
    const sts = anonymousSts(host);
    federated.oidcToken = await fx.oidc.sign();
    federated.refusedOidcToken = await fx.oidc.sign({ aud: 'someone-else' });
    const oidc = (token: string) => sts.assumeRoleWithOIDC(new $Sts.AssumeRoleWithOIDCRequest({ OIDCProviderArn: oidcProvider, roleArn: federatedRole, OIDCToken: token, roleSessionName: 'ci', durationSeconds: 900 }));
    let viaOidc: $Sts.AssumeRoleWithOIDCResponseBody | undefined;
    await waitUntil(async () => (viaOidc = await oidc(federated.oidcToken).then((r) => r.body!, () => undefined)) !== undefined, 30_000, 50);
    await oidc(federated.refusedOidcToken).catch(() => undefined);
    federated.samlAssertion = buildSamlResponse(fx.saml, { roles: [`${federatedRole},${samlProvider}`], roleSessionNames: ['alice'] });
    federated.refusedSamlAssertion = buildSamlResponse(fx.saml, { roles: [`acs:ram::${TEST_ROOT.accountId}:role/other,${samlProvider}`], roleSessionNames: ['alice'] });
    const saml = (assertion: string) => sts.assumeRoleWithSAML(new $Sts.AssumeRoleWithSAMLRequest({ SAMLProviderArn: samlProvider, roleArn: federatedRole, SAMLAssertion: assertion, durationSeconds: 900 }));
    const viaSaml = (await saml(federated.samlAssertion)).body!;
    await saml(federated.refusedSamlAssertion).catch(() => undefined);
    federated.samlSignatureValue = /<ds:SignatureValue>([^<]+)</.exec(Buffer.from(federated.samlAssertion, 'base64').toString('utf8'))![1];
    federated.oidcSessionSecret = viaOidc!.credentials!.accessKeySecret!;
    federated.oidcSessionToken = viaOidc!.credentials!.securityToken!;
    federated.samlSessionSecret = viaSaml.credentials!.accessKeySecret!;
    federated.samlSessionToken = viaSaml.credentials!.securityToken!;
    federatedKeyIds.push(viaOidc!.credentials!.accessKeyId!, viaSaml.credentials!.accessKeyId!);

    // everything the traffic causes is written before the processes stop: the audit record of the
    // last call is in (it travels gateway outbox -> Kafka -> audit) and every outbox is drained
    await waitUntil(async () => (await t.query('audit', 'SELECT 1 FROM audit_records WHERE request_id = $1', [refusedRequestId])).length === 1, 30_000, 50);
    await waitUntil(async () => (await Promise.all(SERVICES.map((s) => t.query(s, 'SELECT COUNT(*) AS n FROM outbox')))).every(([r]) => Number(r.n) === 0), 30_000, 50);
    await t.fleet.stopAll();
    haystacks = { ...fleetLogs(t), ...(await fleetDatabases(t, SERVICES)), ...(await fleetTopics(t)) };
  }, 120_000);

  afterAll(async () => {
    await t?.teardown();
    await federation?.close();
  });

  const secrets = () => ({
    "a RAM user's AccessKeySecret (made by CreateAccessKey)": userKey.accessKeySecret,
    'the bootstrap root AccessKeySecret': TEST_ROOT.accessKeySecret,
    "AssumeRole's temporary AccessKeySecret": session.accessKeySecret,
    "AssumeRole's SecurityToken": session.securityToken,
    // a truncated copy would be a leak too
    "the middle of AssumeRole's SecurityToken": session.securityToken.slice(session.securityToken.length / 2 - 16, session.securityToken.length / 2 + 16),
  });

  it('searches places that hold the records those secrets belong to', () => {
    const places = Object.keys(haystacks);
    expect(places.filter((p) => p.startsWith('log:')).sort()).toEqual(SERVICES.map((s) => `log:${s}`).sort());
    for (const p of places.filter((p) => p.startsWith('log:'))) expect({ p, bytes: haystacks[p].length > 1000 }).toEqual({ p, bytes: true });
    expect(occurrences(haystacks, userKey.accessKeyId)).toMatchObject({ 'db:identity-directory.access_keys': 1, [`kafka:${t.namespace}opensts.identity.events.v1`]: expect.any(Number), 'db:gateway.access_view': expect.any(Number) });
    expect(occurrences(haystacks, session.accessKeyId)).toMatchObject({ [`kafka:${t.namespace}opensts.issuance.events.v1`]: expect.any(Number), 'db:token-issuance.events': expect.any(Number) });
    expect(occurrences(haystacks, refusedRequestId)).toMatchObject({ 'db:audit.audit_records': expect.any(Number) });
    expect(places.filter((p) => p.startsWith('kafka:')).length).toBeGreaterThanOrEqual(4);
  });

  it('finds a secret where one is deliberately put: the SDK responses and a V1 query carrying the token', () => {
    const controlled: Haystacks = {
      'sdk:CreateAccessKey': JSON.stringify(responses.createAccessKey),
      'sdk:AssumeRole': JSON.stringify(responses.assumeRole),
      'client:V1 query': `Action=GetCallerIdentity&SecurityToken=${encodeURIComponent(session.securityToken)}`,
      'client:V1 string to sign': `GET&%2F&${encodeURIComponent(`SecurityToken=${encodeURIComponent(session.securityToken)}`)}`,
    };
    const found = Object.fromEntries(Object.entries(secrets()).map(([name, secret]) => [name, Object.keys(occurrences(controlled, secret))]));
    expect(found).toEqual({
      "a RAM user's AccessKeySecret (made by CreateAccessKey)": ['sdk:CreateAccessKey'],
      'the bootstrap root AccessKeySecret': [],
      "AssumeRole's temporary AccessKeySecret": ['sdk:AssumeRole'],
      "AssumeRole's SecurityToken": ['sdk:AssumeRole', 'client:V1 query', 'client:V1 string to sign'],
      "the middle of AssumeRole's SecurityToken": ['sdk:AssumeRole', 'client:V1 query', 'client:V1 string to sign'],
    });
  });

  it.each(['a RAM user\'s AccessKeySecret (made by CreateAccessKey)', 'the bootstrap root AccessKeySecret', "AssumeRole's temporary AccessKeySecret", "AssumeRole's SecurityToken", "the middle of AssumeRole's SecurityToken"])(
    'no log, database or topic holds %s',
    (name) => {
      const secret = (secrets() as Record<string, string>)[name];
      expect(secret.length).toBeGreaterThanOrEqual(30);
      expect({ name, found: occurrences(haystacks, secret) }).toEqual({ name, found: {} });
    },
  );

  it('searches the records of the federated sessions too', () => {
    for (const keyId of federatedKeyIds) expect(occurrences(haystacks, keyId)).toMatchObject({ 'db:token-issuance.events': expect.any(Number), 'db:audit.audit_records': expect.any(Number) });
  });

  it.each([
    ['an OIDC ID token that was exchanged', 'oidcToken'],
    ['an OIDC ID token that was refused', 'refusedOidcToken'],
    ['a SAML assertion (base64) that was exchanged', 'samlAssertion'],
    ['a SAML assertion that was refused', 'refusedSamlAssertion'],
    ["the assertion's XML signature value", 'samlSignatureValue'],
    ["AssumeRoleWithOIDC's temporary AccessKeySecret", 'oidcSessionSecret'],
    ["AssumeRoleWithOIDC's SecurityToken", 'oidcSessionToken'],
    ["AssumeRoleWithSAML's temporary AccessKeySecret", 'samlSessionSecret'],
    ["AssumeRoleWithSAML's SecurityToken", 'samlSessionToken'],
  ])('no log, database or topic holds %s', (name, key) => {
    const secret = federated[key];
    expect(secret.length).toBeGreaterThanOrEqual(30);
    expect({ name, found: occurrences(haystacks, secret) }).toEqual({ name, found: {} });
  });
});
