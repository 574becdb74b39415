import * as $Ram from '@alicloud/ram20150501';
import { waitUntil } from '../support/e2e-fleet';
import { allow } from '../support/ram-sdk';
import { startEmbeddedProcess } from './support/embedded-process';
import { IMS_TRANSPORTS, type ImsCall, type ImsTransport } from './support/ims-clients';
import { idpMetadata, testCertificateDer, type ProviderContext } from './support/ims-provider.context';
import { oidcProviderScenarios } from './support/oidc-provider.scenarios';
import { samlProviderScenarios } from './support/saml-provider.scenarios';
import { failureOf, ramClient, type SdkCredentials } from './support/sdk-clients';

jest.setTimeout(60_000);

const TRANSPORTS = Object.keys(IMS_TRANSPORTS) as ImsTransport[];

/**
 * The 14 IMS provider actions through the gateway's signed HTTP path of `npm start`'s process,
 * driven only by the generic official clients (there is no IMS SDK among the dependencies):
 * `@alicloud/openapi-client` callApi with V3 signatures, `@alicloud/pop-core` with V1 over GET and
 * POST. Then who may call them: a RAM user needs `ram:<Action>` (ram-policy.md §2).
 */
describe('IMS SAML and OIDC providers against the embedded process', () => {
  let embedded: Awaited<ReturnType<typeof startEmbeddedProcess>> | undefined;
  let ctx: ProviderContext;

  beforeAll(async () => {
    const certs = await Promise.all(['IdP one', 'IdP two', 'IdP three'].map((n) => testCertificateDer(n)));
    embedded = await startEmbeddedProcess();
    ctx = { target: embedded, certs: certs as [string, string, string] };
  }, 120_000);

  afterAll(async () => embedded?.stop());

  describe.each(TRANSPORTS)('%s', (transport) => {
    samlProviderScenarios(transport, () => ctx);
    oidcProviderScenarios(transport, () => ctx);
  });

  describe('authorisation', () => {
    const ram = () => ramClient(ctx.target.httpHost, ctx.target.root);

    /** A RAM user with one key and these custom policies attached, in this order. */
    async function userWith(userName: string, ...documents: string[]): Promise<SdkCredentials> {
      await ram().createUser(new $Ram.CreateUserRequest({ userName }));
      for (const [i, policyDocument] of documents.entries()) {
        await ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: `${userName}-${i}`, policyDocument }));
        await ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: `${userName}-${i}`, userName }));
      }
      const k = (await ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }))).body!.accessKey!;
      return { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! };
    }

    /** Waits until the gateway's read model knows the key and its policies: `probe` answers as `expected`. */
    async function settled(call: ImsCall, expected: 'allowed' | 'NoPermission'): Promise<void> {
      const outcome = () => call('ListSAMLProviders').then(() => 'allowed', (e: unknown) => String((e as { code?: unknown }).code));
      await waitUntil(async () => (await outcome()) === expected, 10_000, 25);
    }

    const deniedAction = async (call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (err) {
        const e = err as { code?: unknown; data?: { AccessDeniedDetail?: { AuthAction?: string } } };
        return { code: e.code, authAction: e.data?.AccessDeniedDetail?.AuthAction };
      }
      throw new Error('the call succeeded where it should have been refused');
    };

    it('a RAM user without permission, or with only ims:*, is refused NoPermission 403 on every provider action; ram:<Action> on the provider lets it in', async () => {
      const metadata = idpMetadata('https://idp.example.com/authz', [ctx.certs[0]]);
      const providerActions = ['ram:*SAMLProvider*', 'ram:*OIDCProvider*'];
      const none = await userWith('ims-none');
      // IMS actions are evaluated as ram:<Action> (ram-policy.md §2): ims:* grants nothing here. The
      // second policy allows one list action, so a refusal below cannot be a policy still in flight.
      const imsOnly = await userWith('ims-only', allow('ims:*'), allow('ram:ListOIDCProviders'));
      const teamAdmin = await userWith('ims-team-admin', JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: providerActions, Resource: ['acs:ram:*:*:saml-provider/team-*', 'acs:ram:*:*:oidc-provider/team-*'] }] }));
      const admin = await userWith('ims-admin', JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: providerActions, Resource: '*' }] }));

      for (const transport of TRANSPORTS) {
        const as = (c: SdkCredentials) => IMS_TRANSPORTS[transport](ctx.target.httpHost, c);
        await settled(as(none), 'NoPermission');
        await waitUntil(() => as(imsOnly)('ListOIDCProviders').then(() => true, () => false), 10_000, 25);
        await settled(as(admin), 'allowed');
        const tag = transport.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
        const saml = { SAMLProviderName: `team-saml-${tag}` };
        const oidc = { OIDCProviderName: `team-oidc-${tag}` };
        const create = {
          saml: { ...saml, EncodedSAMLMetadataDocument: metadata },
          oidc: { ...oidc, IssuerUrl: `https://oidc.example.com/authz/${oidc.OIDCProviderName}`, Fingerprints: 'ab'.repeat(20) },
        };
        for (const who of [none, imsOnly]) {
          for (const [action, params] of [['CreateSAMLProvider', create.saml], ['ListSAMLProviders', {}], ['CreateOIDCProvider', create.oidc], ['GetOIDCProvider', oidc]] as const) {
            expect({ transport, action, ...(await failureOf(() => as(who)(action, params))) }).toMatchObject({ transport, action, code: 'NoPermission', status: 403 });
          }
        }
        expect(await deniedAction(() => as(imsOnly)('DeleteSAMLProvider', saml))).toEqual({ code: 'NoPermission', authAction: 'ram:DeleteSAMLProvider' });

        // resource-level: team-admin may manage team-* providers only
        await as(teamAdmin)('CreateSAMLProvider', create.saml);
        await as(teamAdmin)('CreateOIDCProvider', create.oidc);
        expect(await failureOf(() => as(teamAdmin)('CreateSAMLProvider', { ...create.saml, SAMLProviderName: 'other-saml' }))).toMatchObject({ code: 'NoPermission', status: 403 });
        expect(await failureOf(() => as(teamAdmin)('AddClientIdToOIDCProvider', { OIDCProviderName: 'other-oidc', ClientId: 'app' }))).toMatchObject({ code: 'NoPermission', status: 403 });

        expect((await as(admin)('GetSAMLProvider', saml)).SAMLProvider).toMatchObject({ ...saml, EncodedSAMLMetadataDocument: metadata });
        expect((await as(admin)('AddClientIdToOIDCProvider', { ...oidc, ClientId: 'app' })).OIDCProvider).toMatchObject({ ...oidc, ClientIds: 'app' });
        await as(admin)('DeleteSAMLProvider', saml);
        await as(admin)('DeleteOIDCProvider', oidc);
      }
    });
  });
});
