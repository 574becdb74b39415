import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as $Ram from '@alicloud/ram20150501';
import Sts, * as $Sts from '@alicloud/sts20150401';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { buildIdpMetadata, buildSamlResponse, createSamlIdp, type SamlIdp, type SamlResponseOptions } from '../../../libs/sts-core/src/federation/saml/testing/saml-idp.fixture';
import { startOidcIssuer, TEST_OIDC_AUDIENCE, TEST_OIDC_SUBJECT, type TestOidcIssuer } from '../../support/oidc-issuer';
import { runHttpsClient } from './https-client.runner';
import { IMS_TRANSPORTS } from './ims-clients';
import { EXPIRATION, type InteropContext } from './interop-context';
import { failureOf, popCore, ramClient, sdkFailure, type SdkCredentials } from './sdk-clients';
import { callApiXml, parseXml } from './xml-wire';

/** The identity providers the federation scenarios exchange tokens of; started before the STS so it can trust the OIDC issuer's CA. */
export interface FederationFixtures {
  readonly oidc: TestOidcIssuer;
  /** `STS_OIDC_CA_FILE` of the process under test. */
  readonly oidcCaFile: string;
  /** What the process under test needs to trust the issuer: its CA, and its loopback address (not a public one). */
  readonly stsEnv: { STS_OIDC_CA_FILE: string; STS_OIDC_PRIVATE_NETWORKS: string };
  readonly saml: SamlIdp;
  close(): Promise<void>;
}

export async function startFederationFixtures(): Promise<FederationFixtures> {
  const oidc = await startOidcIssuer({ pathSuffix: '/cluster-1' });
  const oidcCaFile = join(mkdtempSync(join(tmpdir(), 'opensts-oidc-')), 'oidc-ca.pem');
  writeFileSync(oidcCaFile, oidc.caPem);
  const saml = await createSamlIdp({ entityId: 'https://idp.example.com/saml/metadata' });
  return { oidc, oidcCaFile, stsEnv: { STS_OIDC_CA_FILE: oidcCaFile, STS_OIDC_PRIVATE_NETWORKS: '127.0.0.0/8,::1/128' }, saml, close: () => oidc.close() };
}

/** `@alicloud/sts20150401` with no credentials at all: the two federation actions are anonymous. */
export const anonymousSts = (host: string) => new Sts(new $OpenApiUtil.Config({ endpoint: host, protocol: 'http' }));

/** The providers and roles `federationScenarios` registers for `suffix`. */
export function federationNames(accountId: string, suffix: string) {
  const names = { oidcProvider: `ci-${suffix}`, samlProvider: `corp-idp-${suffix}`, oidcRole: `ci-deployer-${suffix}`, samlRole: `corp-admin-${suffix}` };
  return {
    ...names,
    oidcProviderArn: `acs:ram::${accountId}:oidc-provider/${names.oidcProvider}`,
    samlProviderArn: `acs:ram::${accountId}:saml-provider/${names.samlProvider}`,
    samlRoleArn: `acs:ram::${accountId}:role/${names.samlRole}`,
  };
}

interface Federation {
  oidcProviderArn: string;
  oidcRoleArn: string;
  oidcRoleName: string;
  samlProviderArn: string;
  samlRoleArn: string;
  samlRoleName: string;
}

/**
 * AssumeRoleWithOIDC and AssumeRoleWithSAML with the official SDKs as the only clients (sts-api.md
 * §4–§5, federation.md, ADR 0012): providers registered through IMS, roles trusting them through
 * RAM, tokens and assertions from real (test) identity providers; the credentials obtained then
 * work like any others. Then the refusals each spec table names, as the SDKs surface them.
 */
export function federationScenarios(ctx: () => InteropContext, fixtures: () => FederationFixtures, suffix: string): void {
  let fed: Federation;
  const sts = () => anonymousSts(ctx().target.httpHost);
  const oidcRequest = (token: string, extra: Partial<$Sts.AssumeRoleWithOIDCRequest> = {}) =>
    new $Sts.AssumeRoleWithOIDCRequest({ OIDCProviderArn: fed.oidcProviderArn, roleArn: fed.oidcRoleArn, OIDCToken: token, roleSessionName: 'ci-job-1', durationSeconds: 900, ...extra });
  const samlAssertion = (options: SamlResponseOptions = {}) =>
    buildSamlResponse(fixtures().saml, { roles: [`${fed.samlRoleArn},${fed.samlProviderArn}`], roleSessionNames: ['alice@example.com'], nameId: 'alice@example.com', ...options });
  const samlRequest = (assertion: string, extra: Partial<$Sts.AssumeRoleWithSAMLRequest> = {}) =>
    new $Sts.AssumeRoleWithSAMLRequest({ SAMLProviderArn: fed.samlProviderArn, roleArn: fed.samlRoleArn, SAMLAssertion: assertion, durationSeconds: 900, ...extra });
  const whoAmI = (c: SdkCredentials) => popCore(ctx().target.httpHost, c, '2015-04-01').request<Record<string, string>>('GetCallerIdentity', {});

  beforeAll(async () => {
    const { target } = ctx();
    const account = target.root.accountId;
    const ims = IMS_TRANSPORTS['callApi V3'](target.httpHost, target.root);
    const ram = ramClient(target.httpHost, target.root);
    const names = federationNames(account, suffix);
    const oidcName = names.oidcProvider;
    const samlName = names.samlProvider;
    await ims('CreateOIDCProvider', { OIDCProviderName: oidcName, IssuerUrl: fixtures().oidc.issuerUrl, Fingerprints: fixtures().oidc.caFingerprint, ClientIds: TEST_OIDC_AUDIENCE });
    await ims('CreateSAMLProvider', { SAMLProviderName: samlName, EncodedSAMLMetadataDocument: buildIdpMetadata(fixtures().saml) });
    const { oidcProviderArn, samlProviderArn } = names;
    const trust = (provider: string, condition: object) =>
      JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [provider] }, Condition: condition }] });
    const role = async (roleName: string, document: string) =>
      (await ram.createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: document, maxSessionDuration: 7200 }))).body!.role!.arn!;
    const oidcRoleName = names.oidcRole;
    const samlRoleName = names.samlRole;
    fed = {
      oidcProviderArn,
      oidcRoleName,
      oidcRoleArn: await role(oidcRoleName, trust(oidcProviderArn, { StringEquals: { 'oidc:sub': TEST_OIDC_SUBJECT, 'oidc:aud': TEST_OIDC_AUDIENCE, 'oidc:iss': fixtures().oidc.issuerUrl } })),
      samlProviderArn,
      samlRoleName,
      samlRoleArn: await role(samlRoleName, trust(samlProviderArn, { StringLike: { 'saml:recipient': 'https://signin.aliyun.com/saml-role/*' } })),
    };
    // in distributed mode the providers and roles reach token-issuance by Kafka
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await sts().assumeRoleWithOIDC(oidcRequest(await fixtures().oidc.sign(), { roleSessionName: 'warm-up' }));
        await sts().assumeRoleWithSAML(samlRequest(samlAssertion()));
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }, 90_000);

  describe('AssumeRoleWithOIDC', () => {
    it('@alicloud/sts20150401, anonymous: credentials for the role and OIDCTokenInfo as the spec shapes it; they work as the role session', async () => {
      const token = await fixtures().oidc.sign();
      const res = await sts().assumeRoleWithOIDC(oidcRequest(token, { durationSeconds: 7200 }));
      expect(res.statusCode).toBe(200);
      const body = res.body!;
      expect(body.requestId).toMatch(/^[0-9A-F-]{36}$/);
      expect(body.assumedRoleUser).toMatchObject({ arn: `acs:ram::${ctx().target.root.accountId}:role/${fed.oidcRoleName}/ci-job-1`, assumedRoleId: expect.stringMatching(/^\d+:ci-job-1$/) });
      expect(body.credentials).toMatchObject({ accessKeyId: expect.stringMatching(/^STS\./), accessKeySecret: expect.any(String), securityToken: expect.any(String), expiration: expect.stringMatching(EXPIRATION) });
      expect(Date.parse(body.credentials!.expiration!) - Date.now()).toBeGreaterThan(7100_000);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
      expect(body.OIDCTokenInfo).toEqual(
        expect.objectContaining({
          issuer: fixtures().oidc.issuerUrl,
          subject: TEST_OIDC_SUBJECT,
          clientIds: TEST_OIDC_AUDIENCE,
          issuanceTime: new Date(claims.iat * 1000).toISOString().replace('.000Z', 'Z'),
          expirationTime: new Date(claims.exp * 1000).toISOString().replace('.000Z', 'Z'),
          verificationInfo: 'Success',
        }),
      );
      const c = body.credentials!;
      expect(await whoAmI({ accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! })).toMatchObject({
        IdentityType: 'AssumedRoleUser',
        Arn: `acs:ram::${ctx().target.root.accountId}:assumed-role/${fed.oidcRoleName}/ci-job-1`,
      });
    });

    it('@alicloud/credentials OIDC-role-ARN provider (HTTPS, token read from a file, as in a pod): obtains working credentials', async () => {
      const { target } = ctx();
      const tokenFile = join(mkdtempSync(join(tmpdir(), 'opensts-oidc-token-')), 'token');
      writeFileSync(tokenFile, await fixtures().oidc.sign());
      const result = await runHttpsClient<{ ok: boolean; message?: string; session: SdkCredentials }>('credentials-oidc', target.caFile, {
        roleArn: fed.oidcRoleArn, oidcProviderArn: fed.oidcProviderArn, oidcTokenFilePath: tokenFile, roleSessionName: 'pod-7', durationSeconds: 900, stsEndpoint: target.httpsHost,
      });
      expect(result).toMatchObject({ ok: true, session: { accessKeyId: expect.stringMatching(/^STS\./) } });
      expect(await whoAmI(result.session)).toMatchObject({ Arn: `acs:ram::${target.root.accountId}:assumed-role/${fed.oidcRoleName}/pod-7` });
    });

    it('@alicloud/pop-core, which signs every call with the key it was given (here a made-up one): the signature is ignored, the token decides', async () => {
      const made = { accessKeyId: 'LTAInotakeyatall0000000', accessKeySecret: 'not-a-secret' };
      const params = { OIDCProviderArn: fed.oidcProviderArn, RoleArn: fed.oidcRoleArn, OIDCToken: await fixtures().oidc.sign(), RoleSessionName: 'pop-job', DurationSeconds: 900 };
      const body = await popCore(ctx().target.httpHost, made, '2015-04-01').request<{ Credentials: { AccessKeyId: string } }>('AssumeRoleWithOIDC', params, { method: 'POST' });
      expect(body.Credentials.AccessKeyId).toMatch(/^STS\./);
      const tampered = await popCore(ctx().target.httpHost, made, '2015-04-01')
        .request('AssumeRoleWithOIDC', { ...params, OIDCToken: `${params.OIDCToken.slice(0, -4)}AAAA` }, { method: 'POST' })
        .catch(sdkFailure);
      expect(tampered).toMatchObject({ code: 'AuthenticationFail.OIDCToken.Invalid' });
    });

    it('Format=XML through openapi-client callApi, anonymous: the AssumeRole shape plus OIDCTokenInfo as elements', async () => {
      const query = { OIDCProviderArn: fed.oidcProviderArn, RoleArn: fed.oidcRoleArn, OIDCToken: await fixtures().oidc.sign(), RoleSessionName: 'xml-job', DurationSeconds: '900' };
      const res = await callApiXml(ctx().target.httpHost, undefined, 'v3', 'AssumeRoleWithOIDC', '2015-04-01', query);
      expect(res.statusCode).toBe(200);
      const body = parseXml(res.body);
      expect(body.name).toBe('AssumeRoleWithOIDCResponse');
      expect(body.childNames).toEqual(['RequestId', 'AssumedRoleUser', 'Credentials', 'OIDCTokenInfo']);
      expect(body.child('Credentials').child('AccessKeyId').text).toMatch(/^STS\./);
      const info = body.child('OIDCTokenInfo');
      expect([...info.childNames].sort()).toEqual(['ClientIds', 'ExpirationTime', 'IssuanceTime', 'Issuer', 'Subject', 'VerificationInfo']);
      expect([info.child('Issuer').text, info.child('Subject').text, info.child('VerificationInfo').text]).toEqual([fixtures().oidc.issuerUrl, TEST_OIDC_SUBJECT, 'Success']);
    });

    it('refuses with the codes of sts-api.md §5.3: expired, wrong audience, wrong issuer, tampered, a subject the trust policy does not name, unknown provider, missing parameter', async () => {
      const { oidc } = fixtures();
      const now = Math.floor(Date.now() / 1000);
      const valid = await oidc.sign();
      const [header, payload] = valid.split('.');
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url')}.${valid.split('.')[2]}`;
      const cases: [string, () => Promise<unknown>, string, number, RegExp?][] = [
        ['expired', () => oidc.sign({ iat: now - 7200, exp: now - 3600 }).then((t) => sts().assumeRoleWithOIDC(oidcRequest(t))), 'AuthenticationFail.OIDCToken.Expired', 401, /expired/],
        ['audience', () => oidc.sign({ aud: 'someone-else' }).then((t) => sts().assumeRoleWithOIDC(oidcRequest(t))), 'AuthenticationFail.OIDCToken.AudienceNotMatch', 401],
        ['issuer', () => oidc.sign({ iss: 'https://evil.example.com' }).then((t) => sts().assumeRoleWithOIDC(oidcRequest(t))), 'AuthenticationFail.OIDCToken.IssuerNotMatch', 401],
        ['tampered', () => sts().assumeRoleWithOIDC(oidcRequest(forged)), 'AuthenticationFail.OIDCToken.Invalid', 401],
        ['subject', () => oidc.sign({ sub: 'system:serviceaccount:default:other' }).then((t) => sts().assumeRoleWithOIDC(oidcRequest(t))), 'AuthenticationFail.NoPermission', 401, /no permission/],
        ['provider', () => sts().assumeRoleWithOIDC(oidcRequest(valid, { OIDCProviderArn: `acs:ram::${ctx().target.root.accountId}:oidc-provider/nobody` })), 'AuthenticationFail.NoPermission', 401, /No such OIDC Provider/],
        ['session name', () => sts().assumeRoleWithOIDC(oidcRequest(valid, { roleSessionName: 'has spaces' })), 'InvalidParameter.RoleSessionName', 400],
        ['missing token', () => sts().assumeRoleWithOIDC(oidcRequest('', {})), 'MissingParameter.OIDCToken', 400],
      ];
      for (const [what, call, code, status, message] of cases) {
        const f = await failureOf(call);
        expect({ what, code: f.code, status: f.status }).toEqual({ what, code, status });
        if (message) expect(f.message).toMatch(message);
      }
    });

    it('a role the token may not name: no credentials, and nothing said about roles before the token is good', async () => {
      const missingRole = `acs:ram::${ctx().target.root.accountId}:role/no-such-role`;
      expect(await failureOf(() => sts().assumeRoleWithOIDC(oidcRequest('e30.e30.e30', { roleArn: missingRole })))).toMatchObject({ code: 'AuthenticationFail.OIDCToken.Invalid', status: 401 });
      expect(await failureOf(async () => sts().assumeRoleWithOIDC(oidcRequest(await fixtures().oidc.sign(), { roleArn: missingRole })))).toMatchObject({ code: 'EntityNotExist.Role', status: 404 });
    });
  });

  describe('AssumeRoleWithSAML', () => {
    it('@alicloud/sts20150401, anonymous: credentials with the session name from the assertion and SAMLAssertionInfo; they work as the role session', async () => {
      const res = await sts().assumeRoleWithSAML(samlRequest(samlAssertion({ recipient: 'https://signin.aliyun.com/saml-role/SSO' })));
      expect(res.statusCode).toBe(200);
      const body = res.body!;
      expect(body.assumedRoleUser).toMatchObject({ arn: `acs:ram::${ctx().target.root.accountId}:role/${fed.samlRoleName}/alice@example.com` });
      expect(body.SAMLAssertionInfo).toEqual(
        expect.objectContaining({ subjectType: 'persistent', subject: 'alice@example.com', recipient: 'https://signin.aliyun.com/saml-role/SSO', issuer: fixtures().saml.entityId }),
      );
      const c = body.credentials!;
      expect(c.expiration).toMatch(EXPIRATION);
      expect(await whoAmI({ accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! })).toMatchObject({
        IdentityType: 'AssumedRoleUser',
        Arn: `acs:ram::${ctx().target.root.accountId}:assumed-role/${fed.samlRoleName}/alice@example.com`,
      });
    });

    it('refuses with the codes of sts-api.md §4.3: tampered, unsigned, expired, wrong audience, role not granted by the IdP, unknown provider, missing parameter', async () => {
      const signed = Buffer.from(samlAssertion(), 'base64').toString('utf8');
      const tampered = Buffer.from(signed.replace('alice@example.com</saml', 'mallory@example.com</saml'), 'utf8').toString('base64');
      expect(tampered).not.toBe(samlAssertion());
      const past = new Date(Date.now() - 3600_000);
      const cases: [string, () => Promise<unknown>, string, number][] = [
        ['tampered', () => sts().assumeRoleWithSAML(samlRequest(tampered)), 'AuthenticationFail.SAMLAssertion.Invalid', 401],
        ['unsigned', () => sts().assumeRoleWithSAML(samlRequest(samlAssertion({ sign: 'none' }))), 'AuthenticationFail.SAMLAssertion.Invalid', 401],
        ['expired', () => sts().assumeRoleWithSAML(samlRequest(samlAssertion({ now: new Date(past.getTime() - 600_000), notOnOrAfter: past }))), 'AuthenticationFail.SAMLAssertion.Expired', 401],
        ['audience', () => sts().assumeRoleWithSAML(samlRequest(samlAssertion({ audiences: ['urn:someone:else'] }))), 'AuthenticationFail.SAMLAssertion.Invalid', 401],
        ['role not granted', () => sts().assumeRoleWithSAML(samlRequest(samlAssertion({ roles: [`acs:ram::${ctx().target.root.accountId}:role/other,${fed.samlProviderArn}`] }))), 'AuthenticationFail.NoPermission', 401],
        ['provider', () => sts().assumeRoleWithSAML(samlRequest(samlAssertion(), { SAMLProviderArn: `acs:ram::${ctx().target.root.accountId}:saml-provider/nobody` })), 'EntityNotExist.SAMLProvider', 404],
        ['missing assertion', () => sts().assumeRoleWithSAML(samlRequest('')), 'MissingParameter.SAMLAssertion', 400],
      ];
      for (const [what, call, code, status] of cases) {
        const f = await failureOf(call);
        expect({ what, code: f.code, status: f.status }).toEqual({ what, code, status });
      }
    });
  });
}
