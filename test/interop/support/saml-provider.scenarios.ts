import { DATE } from '../../support/ram-sdk';
import type { ImsTransport } from './ims-clients';
import { b64, idpMetadata, listByPages, REQUEST_ID, rootIms, type ProviderContext } from './ims-provider.context';
import { failureOf } from './sdk-clients';

const BAD_METADATA = 'InvalidParameter.EncodedSAMLMetadataDocument';

/** IdP metadata the create/update actions must refuse (federation.md A.1), each with why. */
function badMetadata([c1, c2, c3]: readonly string[]): [string, string][] {
  const one = Buffer.from(idpMetadata('https://idp.example.com/one', [c1]), 'base64').toString('utf8').replace('<?xml version="1.0"?>', '');
  const entities = (...xs: string[]) => b64(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${xs.join('')}</md:EntitiesDescriptor>`);
  return [
    ['not base64', '%%% not base64 %%%'],
    ['not XML', b64('this is not XML')],
    ['no signing certificate', idpMetadata('https://idp.example.com/none', [])],
    ['only an encryption certificate', idpMetadata('https://idp.example.com/enc', [c1], { use: 'encryption' })],
    ['three signing certificates (at most two)', idpMetadata('https://idp.example.com/three', [c1, c2, c3])],
    ['a certificate that is not X.509', idpMetadata('https://idp.example.com/junk', [Buffer.from('not a certificate').toString('base64')])],
    ['two IdP descriptors', entities(one, one.replace('https://idp.example.com/one', 'https://idp.example.com/two'))],
    ['no entityID', entities(one.replace('entityID="https://idp.example.com/one"', ''))],
    ['a DTD', b64(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${one}`)],
  ];
}

/**
 * SAML providers (ram-api.md §7, federation.md A.1) through the gateway's signed HTTP path, with
 * the account root's key over one transport: every action, its response shape, and each refusal
 * the spec names with its HTTP status.
 */
export function samlProviderScenarios(transport: ImsTransport, ctx: () => ProviderContext): void {
  const { ims, tag, accountId } = rootIms(transport, ctx);
  const entityId = `https://idp.example.com/${tag}`;

  it('CreateSAMLProvider, GetSAMLProvider, ListSAMLProviders page by page, UpdateSAMLProvider, DeleteSAMLProvider', async () => {
    const [c1, c2] = ctx().certs;
    const name = `saml-${tag}`;
    const arn = `acs:ram::${accountId()}:saml-provider/${name}`;
    const metadata = idpMetadata(entityId, [c1]);
    const created = await ims()('CreateSAMLProvider', { SAMLProviderName: name, EncodedSAMLMetadataDocument: metadata, Description: 'corporate IdP' });
    expect(created.RequestId).toMatch(REQUEST_ID);
    const dates = { CreateDate: expect.stringMatching(DATE), UpdateDate: expect.stringMatching(DATE) };
    expect(created.SAMLProvider).toEqual({ Arn: arn, SAMLProviderName: name, Description: 'corporate IdP', AuthnSignAlgo: 'rsa-sha1', ...dates });
    expect((await ims()('GetSAMLProvider', { SAMLProviderName: name })).SAMLProvider).toEqual({ ...(created.SAMLProvider as object), EncodedSAMLMetadataDocument: metadata });

    const second = (await ims()('CreateSAMLProvider', { SAMLProviderName: `${name}-2`, EncodedSAMLMetadataDocument: idpMetadata(`${entityId}/2`, [c2]), AuthnSignAlgo: 'rsa-sha256' })).SAMLProvider;
    expect(second).toMatchObject({ SAMLProviderName: `${name}-2`, AuthnSignAlgo: 'rsa-sha256' });
    const listed = (await listByPages(ims(), 'ListSAMLProviders', 'SAMLProviders', 'SAMLProvider')).filter((p) => String(p.SAMLProviderName).startsWith(name));
    expect(listed).toEqual([
      { Arn: arn, SAMLProviderName: name, Description: 'corporate IdP', ...dates },
      { Arn: `${arn}-2`, SAMLProviderName: `${name}-2`, ...dates },
    ]);

    // a certificate rollover: the new metadata carries the old and the new signing certificate
    const rolled = idpMetadata(entityId, [c1, c2]);
    const updated = await ims()('UpdateSAMLProvider', { SAMLProviderName: name, NewEncodedSAMLMetadataDocument: rolled, NewDescription: 'rolled over', AuthnSignAlgo: 'rsa-sha256' });
    expect(updated.SAMLProvider).toEqual({ Arn: arn, SAMLProviderName: name, Description: 'rolled over', AuthnSignAlgo: 'rsa-sha256', ...dates, CreateDate: (created.SAMLProvider as { CreateDate: string }).CreateDate });
    expect((await ims()('GetSAMLProvider', { SAMLProviderName: name })).SAMLProvider).toMatchObject({ EncodedSAMLMetadataDocument: rolled, Description: 'rolled over' });

    for (const n of [name, `${name}-2`]) expect(Object.keys(await ims()('DeleteSAMLProvider', { SAMLProviderName: n }))).toEqual(['RequestId']);
    expect(await failureOf(() => ims()('GetSAMLProvider', { SAMLProviderName: name }))).toMatchObject({ code: 'EntityNotExist.SAMLProvider', status: 404 });
    expect((await listByPages(ims(), 'ListSAMLProviders', 'SAMLProviders', 'SAMLProvider')).filter((p) => String(p.SAMLProviderName).startsWith(name))).toEqual([]);
  });

  it('refusals: a duplicate name is EntityAlreadyExists.SAMLProvider 409, a missing provider EntityNotExist.SAMLProvider 404, bad metadata InvalidParameter.EncodedSAMLMetadataDocument 400', async () => {
    const name = `saml-${tag}-dup`;
    const metadata = idpMetadata(entityId, [ctx().certs[0]]);
    await ims()('CreateSAMLProvider', { SAMLProviderName: name, EncodedSAMLMetadataDocument: metadata });
    expect(await failureOf(() => ims()('CreateSAMLProvider', { SAMLProviderName: name, EncodedSAMLMetadataDocument: metadata }))).toMatchObject({ code: 'EntityAlreadyExists.SAMLProvider', status: 409 });

    const nobody = { SAMLProviderName: `saml-${tag}-nobody` };
    for (const [action, params] of [['GetSAMLProvider', nobody], ['UpdateSAMLProvider', { ...nobody, NewDescription: 'x' }], ['DeleteSAMLProvider', nobody]] as const) {
      expect({ action, ...(await failureOf(() => ims()(action, params))) }).toMatchObject({ action, code: 'EntityNotExist.SAMLProvider', status: 404 });
    }

    for (const [why, bad] of badMetadata(ctx().certs)) {
      expect({ why, ...(await failureOf(() => ims()('CreateSAMLProvider', { SAMLProviderName: `saml-${tag}-bad`, EncodedSAMLMetadataDocument: bad }))) }).toMatchObject({ why, code: BAD_METADATA, status: 400 });
      expect({ why, ...(await failureOf(() => ims()('UpdateSAMLProvider', { SAMLProviderName: name, NewEncodedSAMLMetadataDocument: bad }))) }).toMatchObject({ why, code: BAD_METADATA, status: 400 });
    }
    expect(await failureOf(() => ims()('GetSAMLProvider', { SAMLProviderName: `saml-${tag}-bad` }))).toMatchObject({ code: 'EntityNotExist.SAMLProvider', status: 404 });
    expect((await ims()('GetSAMLProvider', { SAMLProviderName: name })).SAMLProvider).toMatchObject({ EncodedSAMLMetadataDocument: metadata });

    // name rules (federation.md A.1) in the RAM catalogue's form (ram-api.md §9)
    expect(await failureOf(() => ims()('CreateSAMLProvider', { SAMLProviderName: `-saml-${tag}`, EncodedSAMLMetadataDocument: metadata }))).toMatchObject({ code: 'InvalidParameter.SAMLProviderName.InvalidChars', status: 400 });
    expect(await failureOf(() => ims()('CreateSAMLProvider', { SAMLProviderName: 'n'.repeat(129), EncodedSAMLMetadataDocument: metadata }))).toMatchObject({ code: 'InvalidParameter.SAMLProviderName.Length', status: 400 });
    await ims()('DeleteSAMLProvider', { SAMLProviderName: name });
  });
}
