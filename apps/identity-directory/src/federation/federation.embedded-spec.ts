import { IdentityHarness, rootOf, startIdentity } from '../../test/identity-harness';
import { FederationModule } from './federation.module';
import { idpMetadata, testCertificateDer } from './saml/saml-metadata.fixtures';

const FP1 = '902ef2deeb3c5b13ea4c3d5193629309e231abcd';
const FP2 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

describe(FederationModule.name, () => {
  let sut: IdentityHarness;
  let A: string;
  let B: string;
  let metadata: string;

  beforeAll(async () => {
    sut = await startIdentity({ limits: { samlProvidersPerAccount: 3 } });
    A = (await sut.accounts.create()).accountId;
    B = (await sut.accounts.create()).accountId;
    metadata = idpMetadata('https://idp.example.com/metadata', [await testCertificateDer()]);
  });
  afterAll(() => sut.close());

  describe('SAML providers', () => {
    it('creates, reads, lists, updates and deletes a provider', async () => {
      const created = (await sut.invoke(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: 'corp-idp', EncodedSAMLMetadataDocument: metadata, Description: 'Corp' }, 'Ims')) as { SAMLProvider: Record<string, string> };
      expect(created.SAMLProvider).toMatchObject({ Arn: `acs:ram::${A}:saml-provider/corp-idp`, SAMLProviderName: 'corp-idp', Description: 'Corp', AuthnSignAlgo: 'rsa-sha1' });
      expect(created.SAMLProvider).not.toHaveProperty('EncodedSAMLMetadataDocument');
      const got = (await sut.invoke(rootOf(A), 'GetSAMLProvider', { SAMLProviderName: 'CORP-IDP' }, 'Ims')) as { SAMLProvider: Record<string, string> };
      expect(got.SAMLProvider.EncodedSAMLMetadataDocument).toBe(metadata);
      const listed = (await sut.invoke(rootOf(A), 'ListSAMLProviders', {}, 'Ims')) as { IsTruncated: boolean; SAMLProviders: { SAMLProvider: { SAMLProviderName: string }[] } };
      expect(listed.SAMLProviders.SAMLProvider.map((p) => p.SAMLProviderName)).toEqual(['corp-idp']);
      const updated = (await sut.invoke(rootOf(A), 'UpdateSAMLProvider', { SAMLProviderName: 'corp-idp', NewDescription: 'New', AuthnSignAlgo: 'rsa-sha256' }, 'Ims')) as { SAMLProvider: Record<string, string> };
      expect(updated.SAMLProvider).toMatchObject({ Description: 'New', AuthnSignAlgo: 'rsa-sha256' });
      expect(await sut.errorOf(rootOf(A), 'UpdateSAMLProvider', { SAMLProviderName: 'corp-idp' }, 'Ims')).toBe('MissingNewEncodedSAMLMetadataDocument');
      await sut.invoke(rootOf(A), 'DeleteSAMLProvider', { SAMLProviderName: 'corp-idp' }, 'Ims');
      expect(await sut.errorOf(rootOf(A), 'GetSAMLProvider', { SAMLProviderName: 'corp-idp' }, 'Ims')).toBe('EntityNotExist.SAMLProvider');
    });

    it('registers a provider without metadata and takes the metadata later, as the SDK allows', async () => {
      const C = (await sut.accounts.create()).accountId;
      const created = (await sut.invoke(rootOf(C), 'CreateSAMLProvider', { SAMLProviderName: 'later' }, 'Ims')) as { SAMLProvider: Record<string, string> };
      expect(created.SAMLProvider).toMatchObject({ SAMLProviderName: 'later', AuthnSignAlgo: 'rsa-sha1' });
      const bare = (await sut.invoke(rootOf(C), 'GetSAMLProvider', { SAMLProviderName: 'later' }, 'Ims')) as { SAMLProvider: Record<string, string> };
      expect(bare.SAMLProvider).not.toHaveProperty('EncodedSAMLMetadataDocument');
      await sut.invoke(rootOf(C), 'UpdateSAMLProvider', { SAMLProviderName: 'later', NewEncodedSAMLMetadataDocument: metadata }, 'Ims');
      const got = (await sut.invoke(rootOf(C), 'GetSAMLProvider', { SAMLProviderName: 'later' }, 'Ims')) as { SAMLProvider: Record<string, string> };
      expect(got.SAMLProvider.EncodedSAMLMetadataDocument).toBe(metadata);
      await sut.settle();
      const events = sut.events.filter((e) => e.type.startsWith('SamlProvider') && (e.payload as { samlProviderName?: string }).samlProviderName === 'later');
      expect(events.map((e) => [e.type, (e.payload as { entityId: string }).entityId])).toEqual([['SamlProviderCreated', ''], ['SamlProviderUpdated', 'https://idp.example.com/metadata']]);
      await sut.invoke(rootOf(C), 'DeleteSAMLProvider', { SAMLProviderName: 'later' }, 'Ims');
    });

    it('refuses bad metadata, bad names, duplicates and providers over the quota', async () => {
      expect(await sut.errorOf(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: 'x', EncodedSAMLMetadataDocument: Buffer.from('<x/>').toString('base64') }, 'Ims')).toBe('InvalidParameter.EncodedSAMLMetadataDocument');
      expect(await sut.errorOf(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: '-x', EncodedSAMLMetadataDocument: metadata }, 'Ims')).toBe('InvalidParameter.SAMLProviderName.InvalidChars');
      expect(await sut.errorOf(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: 'x', EncodedSAMLMetadataDocument: metadata, AuthnSignAlgo: 'md5' }, 'Ims')).toBe('InvalidParameter.AuthnSignAlgo');
      for (const n of ['p1', 'p2', 'p3']) await sut.invoke(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: n, EncodedSAMLMetadataDocument: metadata }, 'Ims');
      expect(await sut.errorOf(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: 'P1', EncodedSAMLMetadataDocument: metadata }, 'Ims')).toBe('EntityAlreadyExists.SAMLProvider');
      expect(await sut.errorOf(rootOf(A), 'CreateSAMLProvider', { SAMLProviderName: 'p4', EncodedSAMLMetadataDocument: metadata }, 'Ims')).toBe('LimitExceeded.SAMLProvider');
      expect(await sut.errorOf(rootOf(B), 'GetSAMLProvider', { SAMLProviderName: 'p1' }, 'Ims')).toBe('EntityNotExist.SAMLProvider');
      expect(await sut.errorOf(rootOf(B), 'DeleteSAMLProvider', { SAMLProviderName: 'p1' }, 'Ims')).toBe('EntityNotExist.SAMLProvider');
    });

    it('announces the provider with its entityID and PEM certificates', async () => {
      await sut.invoke(rootOf(B), 'CreateSAMLProvider', { SAMLProviderName: 'evented', EncodedSAMLMetadataDocument: metadata }, 'Ims');
      await sut.settle();
      const event = sut.events.find((e) => e.type === 'SamlProviderCreated' && e.accountId === B)!;
      expect(event.payload).toMatchObject({ samlProviderName: 'evented', entityId: 'https://idp.example.com/metadata', signingCertificates: [expect.stringMatching(/^-----BEGIN CERTIFICATE-----/)] });
      expect(event.aggregateVersion).toBe(1);
    });
  });

  describe('OIDC providers', () => {
    const create = (account: string, name: string, extra: Record<string, string> = {}) =>
      sut.invoke(rootOf(account), 'CreateOIDCProvider', { OIDCProviderName: name, IssuerUrl: `https://${name}.example.com`, Fingerprints: FP1, ...extra }, 'Ims') as Promise<{ OIDCProvider: Record<string, unknown> }>;

    it('creates a provider with comma-joined lists, default limit time and epoch-millisecond Gmt fields', async () => {
      const { OIDCProvider: p } = await create(A, 'oidc-a', { ClientIds: 'app-1, app-2', Description: 'k8s' });
      expect(p).toMatchObject({ Arn: `acs:ram::${A}:oidc-provider/oidc-a`, IssuerUrl: 'https://oidc-a.example.com', Fingerprints: FP1, ClientIds: 'app-1,app-2', IssuanceLimitTime: 12, Description: 'k8s' });
      expect(p.GmtCreate).toBe(String(Date.parse(p.CreateDate as string)));
      expect(await sut.invoke(rootOf(A), 'GetOIDCProvider', { OIDCProviderName: 'oidc-a' }, 'Ims')).toEqual({ OIDCProvider: p });
      const listed = (await sut.invoke(rootOf(A), 'ListOIDCProviders', { MaxItems: '100' }, 'Ims')) as { OIDCProviders: { OIDCProvider: unknown[] } };
      expect(listed.OIDCProviders.OIDCProvider).toEqual([p]);
      expect(await sut.errorOf(rootOf(A), 'ListOIDCProviders', { MaxItems: '101' }, 'Ims')).toBe('InvalidParameter.MaxItems');
    });

    it('edits the client id and fingerprint lists one item at a time', async () => {
      await create(A, 'oidc-edit', { ClientIds: 'app-1' });
      const add = (await sut.invoke(rootOf(A), 'AddClientIdToOIDCProvider', { OIDCProviderName: 'oidc-edit', ClientId: 'app-2' }, 'Ims')) as { OIDCProvider: { ClientIds: string } };
      expect(add.OIDCProvider.ClientIds).toBe('app-1,app-2');
      expect(await sut.errorOf(rootOf(A), 'AddClientIdToOIDCProvider', { OIDCProviderName: 'oidc-edit', ClientId: 'app-2' }, 'Ims')).toBe('EntityAlreadyExists.OIDCProvider.ClientId');
      await sut.invoke(rootOf(A), 'RemoveClientIdFromOIDCProvider', { OIDCProviderName: 'oidc-edit', ClientId: 'app-1' }, 'Ims');
      expect(await sut.errorOf(rootOf(A), 'RemoveClientIdFromOIDCProvider', { OIDCProviderName: 'oidc-edit', ClientId: 'app-1' }, 'Ims')).toBe('EntityNotExist.OIDCProvider.ClientId');
      const fp = (await sut.invoke(rootOf(A), 'AddFingerprintToOIDCProvider', { OIDCProviderName: 'oidc-edit', Fingerprint: FP2.toUpperCase() }, 'Ims')) as { OIDCProvider: { Fingerprints: string } };
      expect(fp.OIDCProvider.Fingerprints).toBe(`${FP1},${FP2}`);
      await sut.invoke(rootOf(A), 'RemoveFingerprintFromOIDCProvider', { OIDCProviderName: 'oidc-edit', Fingerprint: FP1 }, 'Ims');
      expect(await sut.errorOf(rootOf(A), 'RemoveFingerprintFromOIDCProvider', { OIDCProviderName: 'oidc-edit', Fingerprint: FP2 }, 'Ims')).toBe('InvalidParameter.Fingerprint');
      const updated = (await sut.invoke(rootOf(A), 'UpdateOIDCProvider', { OIDCProviderName: 'oidc-edit', ClientIds: 'x,y', IssuanceLimitTime: '168', NewDescription: 'd' }, 'Ims')) as { OIDCProvider: Record<string, unknown> };
      expect(updated.OIDCProvider).toMatchObject({ ClientIds: 'x,y', IssuanceLimitTime: 168, Description: 'd', IssuerUrl: 'https://oidc-edit.example.com' });
      await sut.settle();
      expect(sut.events.filter((e) => e.type.startsWith('OidcProvider') && (e.payload as { oidcProviderName: string }).oidcProviderName === 'oidc-edit').map((e) => e.aggregateVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('refuses a duplicate name or issuer, bad values, and other accounts', async () => {
      await create(A, 'oidc-dup');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'OIDC-DUP', IssuerUrl: 'https://other.example.com', Fingerprints: FP1 }, 'Ims')).toBe('EntityAlreadyExists.OIDCProvider');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'other', IssuerUrl: 'https://oidc-dup.example.com', Fingerprints: FP1 }, 'Ims')).toBe('EntityAlreadyExists.OIDCProvider');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'bad', IssuerUrl: 'http://x.example.com', Fingerprints: FP1 }, 'Ims')).toBe('InvalidParameter.IssuerUrl');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'bad', IssuerUrl: 'https://bad.example.com', Fingerprints: 'zz' }, 'Ims')).toBe('InvalidParameter.Fingerprint');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'bad', IssuerUrl: 'https://bad.example.com', Fingerprints: FP1, IssuanceLimitTime: '169' }, 'Ims')).toBe('InvalidParameter.IssuanceLimitTime');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'bad', IssuerUrl: 'https://bad.example.com' }, 'Ims')).toBe('MissingFingerprints');
      expect(await sut.errorOf(rootOf(A), 'CreateOIDCProvider', { OIDCProviderName: 'bad', IssuerUrl: 'https://bad.example.com', Fingerprints: FP1, Description: 'd'.repeat(257) }, 'Ims')).toBe('InvalidParameter.Description.Length');
      await create(B, 'oidc-dup');
      expect(await sut.errorOf(rootOf(B), 'UpdateOIDCProvider', { OIDCProviderName: 'oidc-a', NewDescription: 'x' }, 'Ims')).toBe('EntityNotExist.OIDCProvider');
      await sut.invoke(rootOf(A), 'DeleteOIDCProvider', { OIDCProviderName: 'oidc-dup' }, 'Ims');
      expect(await sut.errorOf(rootOf(A), 'DeleteOIDCProvider', { OIDCProviderName: 'oidc-dup' }, 'Ims')).toBe('EntityNotExist.OIDCProvider');
      expect(await sut.invoke(rootOf(B), 'GetOIDCProvider', { OIDCProviderName: 'oidc-dup' }, 'Ims')).toMatchObject({ OIDCProvider: { OIDCProviderName: 'oidc-dup', Arn: `acs:ram::${B}:oidc-provider/oidc-dup` } });
    });
  });
});
