import { randomBytes } from 'node:crypto';
import type { DirectoryView, RoleView } from '@opensts/access';
import { KeyRing } from '@opensts/sts-core/crypto';
import type { OidcProviderStateV1, SamlProviderStateV1 } from '@opensts/sts-core/events';
import { buildSamlResponse, createSamlIdp, type SamlIdp } from '@opensts/sts-core/federation/saml/testing/saml-idp.fixture';
import type { IdGenerator } from '@opensts/sts-core/ids';
import { compilePolicy, parsePolicy } from '@opensts/sts-core/policy';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { InMemoryEventStore } from '../../test/in-memory-event-store';
import { AssumeRoleWithOidcHandler } from './assume-role-with-oidc/assume-role-with-oidc.handler';
import { AssumeRoleWithSamlHandler } from './assume-role-with-saml/assume-role-with-saml.handler';
import type { Clock } from './clock';
import { CommandHandler } from './command-handler';
import { FederatedSessions } from './federated-sessions';
import { FederationSettings } from './federation.settings';
import type { EventStore } from './infrastructure/event-store';
import { SessionIssuer } from './session-issuer';

const ACCOUNT = '1234567890123456';
const OTHER_ACCOUNT = '6543210987654321';
const context = { requestId: 'REQ-1', sourceIp: '10.0.0.1', secureTransport: true };

/**
 * The handlers' own rules around the verifiers (ADR 0012): the provider must be in the role's
 * account, the SAML assertion must grant the requested role, the role is looked at only once the
 * proof holds, and what is committed or refused names the provider and the person it vouched for.
 */
describe('federated AssumeRole* handlers', () => {
  let idp: SamlIdp;
  let store: InMemoryEventStore;
  let roles: Map<string, RoleView>;
  let saml: Map<string, SamlProviderStateV1>;
  let oidc: Map<string, OidcProviderStateV1>;
  let samlHandler: AssumeRoleWithSamlHandler;
  let oidcHandler: AssumeRoleWithOidcHandler;
  let keySetFetches: number;

  const samlProviderArn = (account = ACCOUNT) => `acs:ram::${account}:saml-provider/corp`;
  const roleArn = (account = ACCOUNT) => `acs:ram::${account}:role/admin`;
  const samlParams = (account = ACCOUNT, roles = [`${roleArn(account)},${samlProviderArn(account)}`]) => ({
    SAMLProviderArn: samlProviderArn(account),
    RoleArn: roleArn(account),
    SAMLAssertion: buildSamlResponse(idp, { roles, roleSessionNames: ['alice'], nameId: 'alice@corp.example' }),
  });
  const trust = (provider: string, condition?: object) => {
    const statement = { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [provider] }, ...(condition && { Condition: condition }) };
    const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: [statement] }), 'trust');
    if (!parsed.ok) throw parsed.error;
    return compilePolicy(parsed.document, 'trust-policy:admin');
  };
  const role = (account: string, provider: string): RoleView => ({
    accountId: account, roleId: `3${account}`, roleName: 'admin', arn: roleArn(account), trustPolicyDocument: '', trustPolicy: trust(provider), maxSessionDuration: 3600,
  });
  const samlProvider = (account: string): SamlProviderStateV1 => ({
    accountId: account, samlProviderName: 'corp', arn: samlProviderArn(account), entityId: idp.entityId, signingCertificates: [idp.certPem], encodedSamlMetadataDocument: 'x', createDate: 'x', updateDate: 'x',
  });

  beforeAll(async () => {
    idp = await createSamlIdp({ entityId: 'https://idp.corp.example/metadata' });
  });

  beforeEach(() => {
    store = new InMemoryEventStore();
    roles = new Map([[`${ACCOUNT}:admin`, role(ACCOUNT, samlProviderArn())]]);
    saml = new Map([[`${ACCOUNT}:corp`, samlProvider(ACCOUNT)]]);
    oidc = new Map();
    keySetFetches = 0;
    const directory = {
      role: jest.fn((account: string, name: string) => roles.get(`${account}:${name.toLowerCase()}`)),
      samlProvider: jest.fn((account: string, name: string) => saml.get(`${account}:${name.toLowerCase()}`)),
      oidcProvider: jest.fn((account: string, name: string) => oidc.get(`${account}:${name.toLowerCase()}`)),
    } as unknown as DirectoryView;
    let n = 0;
    const ids = { temporaryAccessKeyId: () => `STS.${String(++n).padStart(24, '0')}` } as unknown as IdGenerator;
    const eventStore = store as unknown as EventStore;
    const issuer = new SessionIssuer(new CommandHandler(eventStore), eventStore, new SecurityTokenCodec(new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1')), ids);
    const settings = FederationSettings.fromConfig({});
    jest.spyOn(settings.oidcKeys, 'keySetSource').mockImplementation(() => async () => {
      keySetFetches++;
      return { keys: [] };
    });
    const clock = { now: () => new Date() } as Clock;
    const sessions = new FederatedSessions(directory, issuer);
    samlHandler = new AssumeRoleWithSamlHandler(directory, settings, sessions, clock);
    oidcHandler = new AssumeRoleWithOidcHandler(directory, settings, sessions, clock);
  });

  it('SAML: commits SessionIssued with the provider as caller and the NameID the IdP vouched for', async () => {
    const result = await samlHandler.execute({ params: samlParams(), context });
    expect(result.claims).toMatchObject({ mechanism: 'AssumeRoleWithSAML', roleSessionName: 'alice', caller: { type: 'SAMLProvider', arn: samlProviderArn() } });
    expect([...store.streams.values()][0][0].payload).toMatchObject({ federatedIdentity: { issuer: idp.entityId, subject: 'alice@corp.example' } });
  });

  it('SAML: the trust policy’s saml:recipient is the ACS URL as configured, so the standard StringEquals holds for an IdP that writes /SSO', async () => {
    const sso = (recipient: string) => ({ ...samlParams(), SAMLAssertion: buildSamlResponse(idp, { roles: [`${roleArn()},${samlProviderArn()}`], roleSessionNames: ['alice'], recipient }) });
    roles.set(`${ACCOUNT}:admin`, { ...role(ACCOUNT, samlProviderArn()), trustPolicy: trust(samlProviderArn(), { StringEquals: { 'saml:recipient': 'https://signin.aliyun.com/saml-role/sso' } }) });
    const result = await samlHandler.execute({ params: sso('https://signin.aliyun.com/saml-role/SSO'), context });
    expect(result.assertion.recipient).toBe('https://signin.aliyun.com/saml-role/SSO'); // SAMLAssertionInfo echoes what the IdP sent
    // and the condition still decides: a role that wants the international site's ACS URL is refused
    roles.set(`${ACCOUNT}:admin`, { ...role(ACCOUNT, samlProviderArn()), trustPolicy: trust(samlProviderArn(), { StringEquals: { 'saml:recipient': 'https://signin.alibabacloud.com/saml-role/sso' } }) });
    await expect(samlHandler.execute({ params: sso('https://signin.aliyun.com/saml-role/SSO'), context })).rejects.toMatchObject({ code: 'AuthenticationFail.NoPermission' });
  });

  it('SAML: a provider of another account does not vouch for this role, even when that account trusts it', async () => {
    saml.set(`${OTHER_ACCOUNT}:corp`, samlProvider(OTHER_ACCOUNT));
    roles.set(`${ACCOUNT}:admin`, role(ACCOUNT, samlProviderArn(OTHER_ACCOUNT)));
    const params = { ...samlParams(ACCOUNT, [`${roleArn()},${samlProviderArn(OTHER_ACCOUNT)}`]), SAMLProviderArn: samlProviderArn(OTHER_ACCOUNT) };
    await expect(samlHandler.execute({ params, context })).rejects.toMatchObject({ code: 'EntityNotExist.SAMLProvider' });
    // nor does an anonymous caller get to write an "attempt" into the account it names
    expect(store.published).toHaveLength(1);
    expect(store.published[0].payload).not.toHaveProperty('caller');
    expect((store.published[0].payload as { accountId?: string }).accountId).toBeUndefined();
  });

  it('SAML: an assertion that does not grant the requested role is refused and recorded, though the trust policy would allow', async () => {
    // a RoleSessionName parameter is not part of AssumeRoleWithSAML: nothing of it reaches the record
    const params = { ...samlParams(ACCOUNT, [`acs:ram::${ACCOUNT}:role/readonly,${samlProviderArn()}`]), RoleSessionName: 'injected-by-anonymous-caller' };
    await expect(samlHandler.execute({ params, context })).rejects.toMatchObject({ code: 'AuthenticationFail.NoPermission', httpStatus: 401 });
    expect(store.streams.size).toBe(0);
    expect(JSON.stringify(store.published)).not.toContain('injected-by-anonymous-caller');
    expect(store.published).toEqual([
      expect.objectContaining({ type: 'AssumeRoleRefused', payload: expect.objectContaining({ mechanism: 'AssumeRoleWithSAML', accountId: ACCOUNT, caller: { type: 'SAMLProvider', arn: samlProviderArn() }, errorCode: 'AuthenticationFail.NoPermission' }) }),
    ]);
  });

  it('SAML: a forged assertion for a role that does not exist says the assertion is invalid, not that the role is missing', async () => {
    roles.clear();
    const params = { ...samlParams(), SAMLAssertion: Buffer.from('<samlp:Response/>').toString('base64') };
    await expect(samlHandler.execute({ params, context })).rejects.toMatchObject({ code: 'AuthenticationFail.SAMLAssertion.Invalid' });
  });

  it('OIDC: an unknown provider, or one of another account, is "No such OIDC Provider registered." before any key is fetched', async () => {
    const provider = (account: string): OidcProviderStateV1 => ({
      accountId: account, oidcProviderName: 'ci', arn: `acs:ram::${account}:oidc-provider/ci`, issuerUrl: 'https://issuer.example', clientIds: ['sts'], fingerprints: ['00'], issuanceLimitTime: 12, createDate: 'x', updateDate: 'x',
    });
    oidc.set(`${OTHER_ACCOUNT}:ci`, provider(OTHER_ACCOUNT));
    for (const account of [ACCOUNT, OTHER_ACCOUNT]) {
      const params = { OIDCProviderArn: `acs:ram::${account}:oidc-provider/ci`, RoleArn: roleArn(), OIDCToken: 'a.b.c', RoleSessionName: 'job' };
      await expect(oidcHandler.execute({ params, context })).rejects.toMatchObject({ code: 'AuthenticationFail.NoPermission', message: 'No such OIDC Provider registered.' });
    }
    expect(keySetFetches).toBe(0);
  });
});
