import { randomUUID, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { SignedXml } from 'xml-crypto';
import type { SamlProviderTrust } from '../saml-response.verifier';

// Test identity provider: an RSA key with a self-signed certificate, SAML Responses signed the way
// real IdPs sign them (enveloped XML-DSig, Signature right after the Issuer), and its metadata.

x509.cryptoProvider.set(webcrypto as never);

export interface SamlIdp {
  readonly entityId: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** What the directory would derive from `buildIdpMetadata(idp)`. */
  readonly trust: SamlProviderTrust;
}

export type SamlSignedElement = 'assertion' | 'response' | 'both' | 'none';
export type SamlSignatureAlgorithm = 'sha1' | 'sha256';
export type SamlCanonicalization = 'exclusive' | 'inclusive';

export interface SamlResponseOptions {
  issuer?: string;
  nameId?: string;
  /** Full NameID Format URI; null leaves the attribute out. */
  nameIdFormat?: string | null;
  recipient?: string;
  audiences?: readonly string[];
  /** Reference time for the defaults below (IssueInstant, NotBefore = now - 1 min, NotOnOrAfter = now + 5 min). */
  now?: Date;
  /** Conditions/@NotBefore; null leaves it out. */
  notBefore?: Date | null;
  /** Conditions/@NotOnOrAfter; null leaves it out. */
  notOnOrAfter?: Date | null;
  /** SubjectConfirmationData/@NotOnOrAfter; defaults to notOnOrAfter (or now + 5 min). */
  subjectNotOnOrAfter?: Date;
  /** Values of the Role attribute, each "<role-arn>,<saml-provider-arn>"; [] leaves the attribute out. */
  roles?: readonly string[];
  /** Values of the RoleSessionName attribute; [] leaves the attribute out. */
  roleSessionNames?: readonly string[];
  /** Which element carries an enveloped signature; 'both' signs the Assertion, then the Response. */
  sign?: SamlSignedElement;
  signatureAlgorithm?: SamlSignatureAlgorithm;
  canonicalization?: SamlCanonicalization;
  /** Put the signer's certificate into ds:KeyInfo, as most IdPs do (default true). */
  keyInfo?: boolean;
  statusCode?: string;
  assertionId?: string;
  responseId?: string;
}

export const SAML_TEST_ROLE_ARN = 'acs:ram::1234567890123456:role/samlrole';
export const SAML_TEST_PROVIDER_ARN = 'acs:ram::1234567890123456:saml-provider/test-idp';

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
const XMLDSIG = {
  sha1: { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
  sha256: { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
} as const;
const C14N = { exclusive: 'http://www.w3.org/2001/10/xml-exc-c14n#', inclusive: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' } as const;
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** An IdP with a fresh RSA-2048 key and self-signed certificate (about 100 ms: create it once per test file). */
export async function createSamlIdp(options: { entityId?: string; commonName?: string } = {}): Promise<SamlIdp> {
  const entityId = options.entityId ?? 'https://idp.example.com/saml/metadata';
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^./, '1'),
    name: `CN=${options.commonName ?? 'Test SAML IdP'}`,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3650 * 86_400_000),
    signingAlgorithm: RSA,
    keys: keys as never,
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
  const certPem = cert.toString('pem');
  return { entityId, certPem, keyPem, trust: { entityId, signingCertificates: [certPem] } };
}

/** The SAMLAssertion parameter: base64 of the (signed) Response XML. */
export function buildSamlResponse(idp: SamlIdp, options: SamlResponseOptions = {}): string {
  return Buffer.from(buildSamlResponseXml(idp, options), 'utf8').toString('base64');
}

export function buildSamlResponseXml(idp: SamlIdp, options: SamlResponseOptions = {}): string {
  const o = options;
  const sign = o.sign ?? 'assertion';
  let xml = unsignedResponseXml(idp, o);
  if (sign === 'assertion' || sign === 'both') xml = signSamlXml(xml, idp, 'assertion', o);
  if (sign === 'response' || sign === 'both') xml = signSamlXml(xml, idp, 'response', o);
  return xml;
}

/** Signs the first Assertion (or the Response) of any XML, e.g. a hand-made one, with `signer`'s key. */
export function signSamlXml(
  xml: string,
  signer: Pick<SamlIdp, 'certPem' | 'keyPem'>,
  element: 'assertion' | 'response',
  options: Pick<SamlResponseOptions, 'signatureAlgorithm' | 'canonicalization' | 'keyInfo'> = {},
): string {
  const algorithm = XMLDSIG[options.signatureAlgorithm ?? 'sha256'];
  const c14n = C14N[options.canonicalization ?? 'exclusive'];
  const target = element === 'assertion' ? 'Assertion' : 'Response';
  const path = `//*[local-name(.)='${target}']`;
  const sig = new SignedXml({
    privateKey: signer.keyPem,
    publicCert: options.keyInfo === false ? undefined : signer.certPem,
    signatureAlgorithm: algorithm.signature,
    canonicalizationAlgorithm: c14n,
  });
  sig.addReference({ xpath: path, digestAlgorithm: algorithm.digest, transforms: [ENVELOPED, c14n] });
  // SAML's schema puts the Signature right after the element's own Issuer
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${path}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/** EncodedSAMLMetadataDocument for CreateSAMLProvider: base64 of an EntityDescriptor with one signing key. */
export function buildIdpMetadata(idp: Pick<SamlIdp, 'entityId' | 'certPem'>, extraSigningCertPems: readonly string[] = []): string {
  const keyDescriptors = [idp.certPem, ...extraSigningCertPems]
    .map((pem) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pemBody(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join('');
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${attr(idp.entityId)}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptors}` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${attr(idp.entityId)}/sso"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;
  return Buffer.from(xml, 'utf8').toString('base64');
}

function unsignedResponseXml(idp: SamlIdp, o: SamlResponseOptions): string {
  const now = o.now ?? new Date();
  const notBefore = o.notBefore === undefined ? new Date(now.getTime() - 60_000) : o.notBefore;
  const notOnOrAfter = o.notOnOrAfter === undefined ? new Date(now.getTime() + 300_000) : o.notOnOrAfter;
  const subjectNotOnOrAfter = o.subjectNotOnOrAfter ?? notOnOrAfter ?? new Date(now.getTime() + 300_000);
  const issuer = o.issuer ?? idp.entityId;
  const recipient = o.recipient ?? 'https://signin.aliyun.com/saml-role/sso';
  const format = o.nameIdFormat === undefined ? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' : o.nameIdFormat;
  const conditionTimes = (notBefore ? ` NotBefore="${iso(notBefore)}"` : '') + (notOnOrAfter ? ` NotOnOrAfter="${iso(notOnOrAfter)}"` : '');
  const audiences = (o.audiences ?? ['urn:alibaba:cloudcomputing']).map((a) => `<saml2:Audience>${text(a)}</saml2:Audience>`).join('');
  const attribute = (name: string, values: readonly string[]) =>
    values.length === 0
      ? ''
      : `<saml2:Attribute Name="${name}">` +
        values.map((v) => `<saml2:AttributeValue xsi:type="xs:string">${text(v)}</saml2:AttributeValue>`).join('') +
        `</saml2:Attribute>`;
  const assertion =
    `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${o.assertionId ?? `_a${randomUUID()}`}" IssueInstant="${iso(now)}" Version="2.0">` +
    `<saml2:Issuer>${text(issuer)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID${format === null ? '' : ` Format="${attr(format)}"`}>${text(o.nameId ?? 'alice@example.com')}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml2:SubjectConfirmationData NotOnOrAfter="${iso(subjectNotOnOrAfter)}" Recipient="${attr(recipient)}"/>` +
    `</saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions${conditionTimes}><saml2:AudienceRestriction>${audiences}</saml2:AudienceRestriction></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${iso(now)}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>` +
    attribute('https://www.aliyun.com/SAML-Role/Attributes/Role', o.roles ?? [`${SAML_TEST_ROLE_ARN},${SAML_TEST_PROVIDER_ARN}`]) +
    attribute('https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName', o.roleSessionNames ?? ['alice']) +
    `</saml2:AttributeStatement></saml2:Assertion>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="${attr(recipient)}" ID="${o.responseId ?? `_r${randomUUID()}`}" IssueInstant="${iso(now)}" Version="2.0">` +
    `<saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">${text(issuer)}</saml2:Issuer>` +
    `<saml2p:Status><saml2p:StatusCode Value="${attr(o.statusCode ?? 'urn:oasis:names:tc:SAML:2.0:status:Success')}"/></saml2p:Status>` +
    assertion +
    `</saml2p:Response>`
  );
}

const iso = (d: Date) => d.toISOString();
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => text(s).replace(/"/g, '&quot;');
const pemBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
