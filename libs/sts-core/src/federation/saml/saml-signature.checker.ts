import { SignedXml } from 'xml-crypto';
import type { Element } from '@xmldom/xmldom';
import { Errors } from '../../errors';
import { children, isElement, onlyChild, parseXml, SAML_ASSERTION_NS, SAML_PROTOCOL_NS, XMLDSIG_NS } from './saml-xml.reader';

const SIGNATURE_ALGORITHMS = ['http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'];
const DIGEST_ALGORITHMS = ['http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2001/04/xmlenc#sha256'];

/**
 * The one Assertion of `response`, as re-read from the bytes an enveloped signature of the IdP
 * covers: the Assertion's own signature, else the Response's. Nothing outside those bytes is
 * trusted, which is what defeats signature wrapping.
 */
export function signedAssertion(xml: string, response: Element, certificates: readonly string[]): Element {
  const assertion = onlyChild(response, SAML_ASSERTION_NS, 'Assertion');
  // one Assertion in the whole message: a second one anywhere (Extensions, ds:Object) is a wrapping attempt
  if (response.getElementsByTagNameNS(SAML_ASSERTION_NS, 'Assertion').length !== 1) throw Errors.samlAssertionInvalid();
  const routes: (() => Element)[] = [];
  if (children(assertion, XMLDSIG_NS, 'Signature').length > 0) routes.push(() => signedCopy(xml, assertion, certificates));
  // when both are signed the Response's signature still counts: xml-crypto canonicalises an inclusive-C14N
  // SignedInfo with the namespaces of the first SignedInfo in the document, which is the Response's
  if (children(response, XMLDSIG_NS, 'Signature').length > 0) routes.push(() => assertionInside(signedCopy(xml, response, certificates)));
  for (const route of routes) {
    try {
      return route();
    } catch {
      // try the other signature; with none left the message is invalid
    }
  }
  throw Errors.samlAssertionInvalid();
}

function assertionInside(signedResponse: Element): Element {
  const inside = onlyChild(signedResponse, SAML_ASSERTION_NS, 'Assertion');
  if (signedResponse.getElementsByTagNameNS(SAML_ASSERTION_NS, 'Assertion').length !== 1) throw Errors.samlAssertionInvalid();
  return inside;
}

/**
 * Verifies the enveloped signature that is a child of `element` against the provider's
 * certificates only (KeyInfo is ignored) and returns the signed bytes parsed: they must be this
 * very element (same name, same ID), with nothing else referenced.
 */
function signedCopy(xml: string, element: Element, certificates: readonly string[]): Element {
  const signature = onlyChild(element, XMLDSIG_NS, 'Signature');
  const id = element.getAttribute('ID');
  if (!id || !referencesOnly(signature, id)) throw Errors.samlAssertionInvalid();
  const signedInfoVerifies = signedInfoCheck(signature);
  for (const certificate of certificates) {
    if (!signedInfoVerifies(certificate)) continue;
    const signed = verifiedReference(xml, signature, certificate);
    if (signed === undefined) continue;
    const copy = parseXml(signed);
    const sameKind = isElement(element, SAML_ASSERTION_NS, 'Assertion')
      ? isElement(copy, SAML_ASSERTION_NS, 'Assertion')
      : isElement(copy, SAML_PROTOCOL_NS, 'Response');
    if (!sameKind || copy.getAttribute('ID') !== id) throw Errors.samlAssertionInvalid();
    return copy;
  }
  throw Errors.samlAssertionInvalid();
}

/** One SignedInfo with one Reference, and that Reference is `#<ID of the signed element>`. */
function referencesOnly(signature: Element, id: string): boolean {
  const signedInfo = children(signature, XMLDSIG_NS, 'SignedInfo');
  if (signedInfo.length !== 1) return false;
  const references = children(signedInfo[0], XMLDSIG_NS, 'Reference');
  return references.length === 1 && references[0].getAttribute('URI') === `#${id}`;
}

/** What xml-crypto 6.1 keeps private and we call to check the SignatureValue first (pinned version; the SAML specs fail if this changes). */
interface SignedXmlInternals {
  getCanonSignedInfoXml(doc: unknown): string;
  findSignatureAlgorithm(name: string | undefined): { verifySignature(material: string, key: string, signatureValue: string): boolean };
  signatureValue: string;
  signatureAlgorithm?: string;
}

/**
 * Whether SignedInfo's SignatureValue verifies with a certificate: RSA over the canonical
 * SignedInfo only, done once per signature before xml-crypto's full check. xml-crypto digests
 * the references first, and each of its steps scans the whole document, so a forged message
 * (any SignatureValue will do, no key needed) cost seconds of blocked event loop; without the
 * IdP's key nothing gets past this check. xml-crypto's own check still runs after it.
 */
function signedInfoCheck(signature: Element): (certificate: string) => boolean {
  try {
    const sig = restrictedSignedXml();
    sig.loadSignature(signature);
    const internals = sig as unknown as SignedXmlInternals;
    const canonical = internals.getCanonSignedInfoXml(signature.ownerDocument);
    const signer = internals.findSignatureAlgorithm(internals.signatureAlgorithm);
    return (certificate) => {
      try {
        return signer.verifySignature(canonical, certificate, internals.signatureValue) === true;
      } catch {
        return false;
      }
    };
  } catch {
    return () => false;
  }
}

function restrictedSignedXml(certificate?: string): SignedXml {
  const sig = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null });
  sig.SignatureAlgorithms = pick(sig.SignatureAlgorithms, SIGNATURE_ALGORITHMS);
  sig.HashAlgorithms = pick(sig.HashAlgorithms, DIGEST_ALGORITHMS);
  return sig;
}

/** The canonical XML of the single Reference, when the signature verifies with `certificate`. */
function verifiedReference(xml: string, signature: Element, certificate: string): string | undefined {
  const sig = restrictedSignedXml(certificate);
  try {
    sig.loadSignature(signature);
    if (sig.checkSignature(xml) !== true) return undefined;
  } catch {
    // xml-crypto throws for a wrong key, unknown algorithms, duplicate IDs, missing references
    return undefined;
  }
  const references = sig.getSignedReferences();
  return references.length === 1 ? references[0] : undefined;
}

function pick<T>(registry: Record<string, T>, names: readonly string[]): Record<string, T> {
  return Object.fromEntries(names.map((name) => [name, registry[name]]));
}
