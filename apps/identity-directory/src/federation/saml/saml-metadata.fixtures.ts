import { createCertificateAuthority } from '@opensts/platform';

/** Base64 DER of a fresh self-signed certificate (test fixture). */
export async function testCertificateDer(name = 'Test IdP'): Promise<string> {
  const { certPem } = await createCertificateAuthority(name);
  return certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
}

/** IdP metadata with the given signing certificates (base64 DER), base64-encoded like the API wants it. */
export function idpMetadata(entityId: string, certs: string[], options: { prefix?: string; use?: string } = {}): string {
  const md = options.prefix ?? 'md';
  const keys = certs
    .map((c) => `<${md}:KeyDescriptor${options.use ? ` use="${options.use}"` : ''}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\n${c}\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo></${md}:KeyDescriptor>`)
    .join('');
  const xml =
    `<?xml version="1.0"?><${md}:EntityDescriptor xmlns:${md}="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
    `<${md}:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<${md}:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></${md}:IDPSSODescriptor></${md}:EntityDescriptor>`;
  return Buffer.from(xml, 'utf8').toString('base64');
}

export const b64 = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');
