import { X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { Errors, StsError } from '../../errors';
import { readSignedAssertion } from './saml-assertion.reader';
import { signedAssertion } from './saml-signature.checker';
import { children, decodeSamlAssertion, isElement, onlyChild, parseXml, SAML_PROTOCOL_NS as P, XMLDSIG_NS } from './saml-xml.reader';
import type { SamlProviderTrust, SamlVerificationOptions, VerifiedSamlAssertion } from './saml.types';

export type { SamlProviderTrust, SamlRoleGrant, SamlVerificationOptions, VerifiedSamlAssertion } from './saml.types';

/** Both sites' SP entity IDs (federation.md A.2). */
export const DEFAULT_SAML_AUDIENCES: readonly string[] = ['urn:alibaba:cloudcomputing', 'urn:alibaba:cloudcomputing:international'];
/** Both sites' ACS URLs (federation.md A.2). */
export const DEFAULT_SAML_RECIPIENTS: readonly string[] = ['https://signin.aliyun.com/saml-role/sso', 'https://signin.alibabacloud.com/saml-role/sso'];
export const DEFAULT_SAML_VERIFICATION_OPTIONS: SamlVerificationOptions = {
  audiences: DEFAULT_SAML_AUDIENCES,
  recipients: DEFAULT_SAML_RECIPIENTS,
  clockSkewSeconds: 300,
};

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * Verifies the SAMLAssertion parameter of AssumeRoleWithSAML (federation.md A.3, A.4 #1, #4–#12):
 * base64 Response, signed Assertion from the provider's certificates, Issuer, Subject, Recipient,
 * validity window, Audience, Role and RoleSessionName attributes. Whether the request's role is
 * among the Role values is `grantsRole`. Throws `StsError` with the fixed Alibaba messages only.
 */
export function verifySamlResponse(samlAssertion: string, trust: SamlProviderTrust, options: SamlVerificationOptions, now: Date): VerifiedSamlAssertion {
  const certificates = trustedCertificates(trust);
  try {
    const xml = decodeSamlAssertion(samlAssertion);
    // every element costs at least one '<': too many of them is refused before the parser runs
    if (tooManyTags(xml)) throw Errors.samlAssertionInvalid();
    const response = parseXml(xml);
    if (!isElement(response, P, 'Response') || !withinShape(response)) throw Errors.samlAssertionInvalid();
    const statuses = children(response, P, 'Status');
    if (statuses.length > 1 || statuses.some((status) => onlyChild(status, P, 'StatusCode').getAttribute('Value') !== SUCCESS)) {
      throw Errors.samlAssertionInvalid();
    }
    return readSignedAssertion(signedAssertion(xml, response, certificates), trust.entityId, options, now);
  } catch (error) {
    // anything unforeseen inside the XML stack is still just an invalid assertion, without its text
    if (error instanceof StsError) throw error;
    throw Errors.samlAssertionInvalid();
  }
}

/**
 * A real Response has tens of elements, a few hundred with long group lists. The signature
 * library's checks scan the whole document several times, so an anonymous caller's element
 * count is bounded before any of them runs (the 100,000-character cap alone allowed ~18,000).
 */
export const MAX_SAML_ELEMENTS = 1_000;
const MAX_SAML_DEPTH = 32;
/**
 * Attributes (namespace declarations included) on one element. IdPs put a handful on each, a few
 * more on the Response and the Assertion; canonicalising SignedInfo grows with the square of the
 * declarations in scope, and 3 300 on the Response cost ~400 ms (~5 ms for a real response).
 */
export const MAX_SAML_ATTRIBUTES_PER_ELEMENT = 32;

function tooManyTags(xml: string): boolean {
  let tags = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) if (++tags > 2 * MAX_SAML_ELEMENTS + 64) return true;
  return false;
}

function withinShape(root: Element): boolean {
  let elements = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (++elements > MAX_SAML_ELEMENTS || depth > MAX_SAML_DEPTH || element.attributes.length > MAX_SAML_ATTRIBUTES_PER_ELEMENT) return false;
    for (let child = element.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child as Element, depth + 1]);
    }
  }
  // at most the Response's and the Assertion's signatures
  return root.getElementsByTagNameNS(XMLDSIG_NS, 'Signature').length <= 2;
}

/** The request's RoleArn + SAMLProviderArn pair is one of the assertion's Role values (ARNs case-insensitive). */
export function grantsRole(assertion: VerifiedSamlAssertion, roleArn: string, providerArn: string): boolean {
  const role = roleArn.toLowerCase();
  const provider = providerArn.toLowerCase();
  return assertion.roles.some((grant) => grant.roleArn.toLowerCase() === role && grant.providerArn.toLowerCase() === provider);
}

/** A provider without an entityID or without a usable signing certificate cannot vouch for anyone. */
function trustedCertificates(trust: SamlProviderTrust): string[] {
  if (!trust.entityId || trust.signingCertificates.length === 0) throw Errors.idpMetadataInvalid();
  return trust.signingCertificates.map((pem) => {
    try {
      return new X509Certificate(pem).toString();
    } catch {
      throw Errors.idpMetadataInvalid();
    }
  });
}
