import { X509Certificate } from 'node:crypto';
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import { RamErrors } from '@opensts/sts-core/errors';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
/** Metadata documents are small; this bounds the parser's work on hostile input. */
const MAX_ENCODED_LENGTH = 1_000_000;

export interface SamlMetadata {
  /** EntityDescriptor/@entityID: what assertion Issuers must equal. */
  entityId: string;
  /** Signing certificates as PEM, in document order, without duplicates. */
  signingCertificates: string[];
}

/**
 * Reads an IdP's SAML 2.0 metadata (federation.md A.1): base64 XML with exactly one
 * EntityDescriptor holding an IDPSSODescriptor, a non-empty entityID and 1..maxCertificates
 * signing certificates that parse as X.509. Namespaces are matched by URI, not prefix. Any
 * failure is `InvalidParameter.EncodedSAMLMetadataDocument`.
 */
export function parseSamlMetadata(encoded: string, maxCertificates = 2): SamlMetadata {
  const compact = encoded.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > MAX_ENCODED_LENGTH || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) throw RamErrors.samlMetadata();
  const xml = Buffer.from(compact, 'base64').toString('utf8');
  // no DTDs at all: nothing legitimate in metadata needs one, and entities are an attack surface
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw RamErrors.samlMetadata();
  let root: Element | null;
  try {
    root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
  } catch {
    throw RamErrors.samlMetadata();
  }
  if (!root) throw RamErrors.samlMetadata();
  const idps = elements(root, MD, 'EntityDescriptor', true).filter((e) => children(e, MD, 'IDPSSODescriptor').length > 0);
  if (idps.length !== 1) throw RamErrors.samlMetadata();
  const entityId = idps[0].getAttribute('entityID')?.trim() ?? '';
  // control characters: XML 1.0 forbids `&#0;` but the parser decodes it, and PostgreSQL cannot store a NUL
  if (entityId === '' || entityId.length > 1024 || /[\u0000-\u001f\u007f]/.test(entityId)) throw RamErrors.samlMetadata();
  const pems = new Set<string>();
  for (const sso of children(idps[0], MD, 'IDPSSODescriptor')) {
    for (const kd of children(sso, MD, 'KeyDescriptor')) {
      const use = kd.getAttribute('use');
      if (use && use !== 'signing') continue;
      for (const certEl of elements(kd, DS, 'X509Certificate')) pems.add(toPem(certEl.textContent ?? ''));
    }
  }
  if (pems.size === 0 || pems.size > maxCertificates) throw RamErrors.samlMetadata();
  return { entityId, signingCertificates: [...pems] };
}

function toPem(base64: string): string {
  const der = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(der)) throw RamErrors.samlMetadata();
  try {
    return new X509Certificate(Buffer.from(der, 'base64')).toString();
  } catch {
    throw RamErrors.samlMetadata();
  }
}

function elements(scope: Element, ns: string, local: string, includeSelf = false): Element[] {
  const found = Array.from(scope.getElementsByTagNameNS(ns, local));
  return includeSelf && scope.namespaceURI === ns && scope.localName === local ? [scope, ...found] : found;
}

function children(parent: Element, ns: string, local: string): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === local);
}
