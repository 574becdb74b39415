import { TextDecoder } from 'node:util';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import { Errors } from '../../errors';

export const SAML_PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** sts-api.md §4.1: SAMLAssertion is 4–100,000 characters. */
export const MAX_SAML_ASSERTION_LENGTH = 100_000;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const XML_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * The SAMLAssertion parameter as XML text: strict standard base64 (MIME line breaks tolerated,
 * nothing else), valid UTF-8. Anything else is `SAMLAssertion.Invalid`.
 */
export function decodeSamlAssertion(parameter: string): string {
  if (typeof parameter !== 'string' || parameter.length < 4 || parameter.length > MAX_SAML_ASSERTION_LENGTH) throw Errors.samlAssertionInvalid();
  const compact = parameter.replace(/\r?\n/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw Errors.samlAssertionInvalid();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw Errors.samlAssertionInvalid();
  }
}

/**
 * Parses XML strictly (any parser warning stops it) and refuses DTDs outright: a SAML message
 * never needs one, and entity declarations are the XXE / billion-laughs surface.
 */
export function parseXml(xml: string): Element {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw Errors.samlAssertionInvalid();
  try {
    // XML 1.0 line-end handling only: xmldom's default also folds U+2028/U+0085 (XML 1.1), which
    // would change signed text
    const parser = new DOMParser({ onError: onWarningStopParsing, normalizeLineEndings: (s) => s.replace(/\r\n?/g, '\n') });
    const root = parser.parseFromString(xml, 'text/xml').documentElement;
    if (root) return root;
  } catch {
    // the parser's message may quote the document: never pass it on
  }
  throw Errors.samlAssertionInvalid();
}

export function isElement(node: Element, ns: string, localName: string): boolean {
  return node.namespaceURI === ns && node.localName === localName;
}

export function children(parent: Element, ns: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === ELEMENT_NODE && isElement(n as Element, ns, localName));
}

/** The only such child; none or several is `SAMLAssertion.Invalid`. */
export function onlyChild(parent: Element, ns: string, localName: string): Element {
  const found = children(parent, ns, localName);
  if (found.length !== 1) throw Errors.samlAssertionInvalid();
  return found[0];
}

/**
 * Text of a simple-content element, surrounding XML whitespace trimmed. Comments are skipped but
 * not cut at (`a<!---->b` reads `ab`, the comment-truncation attack); child elements are refused.
 */
export function textOf(element: Element): string {
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === ELEMENT_NODE) throw Errors.samlAssertionInvalid();
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) text += node.nodeValue ?? '';
  }
  return text.replace(XML_SPACE, '');
}

/** An unqualified attribute's value, trimmed; undefined when absent. */
export function attributeOf(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? '').replace(XML_SPACE, '') : undefined;
}
