import { b64, idpMetadata, testCertificateDer } from './saml-metadata.fixtures';
import { parseSamlMetadata } from './saml-metadata.parser';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};
const INVALID = 'InvalidParameter.EncodedSAMLMetadataDocument';

describe(parseSamlMetadata.name, () => {
  let c1: string;
  let c2: string;
  let c3: string;
  beforeAll(async () => {
    [c1, c2, c3] = await Promise.all([testCertificateDer('a'), testCertificateDer('b'), testCertificateDer('c')]);
  });

  it('reads the entityID and the signing certificates as PEM, whatever the namespace prefix', () => {
    const sut = parseSamlMetadata(idpMetadata('https://idp.example.com/metadata', [c1, c2], { prefix: 'saml2md', use: 'signing' }));
    expect(sut.entityId).toBe('https://idp.example.com/metadata');
    expect(sut.signingCertificates).toHaveLength(2);
    expect(sut.signingCertificates[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('ignores encryption keys and counts a repeated certificate once', () => {
    const xml = Buffer.from(idpMetadata('idp', [c1, c1]), 'base64').toString().replace('<md:KeyDescriptor>', '<md:KeyDescriptor use="encryption">');
    expect(parseSamlMetadata(b64(xml)).signingCertificates).toHaveLength(1);
  });

  it('refuses more than two signing certificates', () => {
    expect(codeOf(() => parseSamlMetadata(idpMetadata('idp', [c1, c2, c3])))).toBe(INVALID);
  });

  it('refuses metadata without any signing certificate', () => {
    expect(codeOf(() => parseSamlMetadata(idpMetadata('idp', [])))).toBe(INVALID);
  });

  it('refuses a certificate that is not X.509', () => {
    expect(codeOf(() => parseSamlMetadata(idpMetadata('idp', [Buffer.from('not a certificate').toString('base64')])))).toBe(INVALID);
  });

  it('refuses two IdP descriptors and a missing entityID', () => {
    const one = Buffer.from(idpMetadata('idp-1', [c1]), 'base64').toString().replace('<?xml version="1.0"?>', '');
    const two = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${one}${one.replace('idp-1', 'idp-2')}</md:EntitiesDescriptor>`;
    expect(codeOf(() => parseSamlMetadata(b64(two)))).toBe(INVALID);
    expect(parseSamlMetadata(b64(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${one}</md:EntitiesDescriptor>`)).entityId).toBe('idp-1');
    expect(codeOf(() => parseSamlMetadata(b64(one.replace('entityID="idp-1"', ''))))).toBe(INVALID);
  });

  it.each([['&#0;'], ['&#x1f;'], ['\u0000']])('refuses an entityID with a control character (%j), which PostgreSQL may not store', (c) => {
    const xml = Buffer.from(idpMetadata('idp-1', [c1]), 'base64').toString().replace('entityID="idp-1"', `entityID="idp${c}1"`);
    expect(codeOf(() => parseSamlMetadata(b64(xml)))).toBe(INVALID);
  });

  it('refuses elements in the wrong namespace', () => {
    const xml = Buffer.from(idpMetadata('idp', [c1]), 'base64').toString().replace('urn:oasis:names:tc:SAML:2.0:metadata', 'urn:example:other');
    expect(codeOf(() => parseSamlMetadata(b64(xml)))).toBe(INVALID);
  });

  it.each([
    ['not base64', '%%%'],
    ['malformed XML', b64('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><unclosed>')],
    ['a DTD', b64('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')],
    ['empty', ''],
  ])('refuses %s', (_label, encoded) => {
    expect(codeOf(() => parseSamlMetadata(encoded))).toBe(INVALID);
  });
});
