import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { SdkCredentials, Signature } from './sdk-clients';

/**
 * `@alicloud/openapi-client` callApi asking `Format=XML` and reading the body as text
 * (`bodyType: 'string'`): the bytes a client that wants XML gets, exactly as sent.
 */
export async function callApiXml(host: string, c: SdkCredentials | undefined, signature: Signature, action: string, version: string, query: Record<string, string> = {}) {
  // no credentials: an anonymous call (AssumeRoleWithSAML / AssumeRoleWithOIDC)
  const client = new OpenApi(new $OpenApi.Config({ ...c, endpoint: host, protocol: 'http', ...(signature === 'v1' && { signatureAlgorithm: 'v2' }) }));
  const authType = c === undefined ? 'Anonymous' : 'AK';
  const params = new $OpenApi.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType, style: 'RPC', reqBodyType: 'formData', bodyType: 'string' });
  const res = await client.callApi(params, new $OpenApi.OpenApiRequest({ query: { ...query, Format: 'XML' } }), {} as Parameters<OpenApi['callApi']>[2]);
  return { statusCode: res.statusCode as number, headers: res.headers as Record<string, string>, body: res.body as string };
}

/** An element as a test reads it: its name, its child elements in document order, its text. */
export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  readonly text: string;
  /** Names of the child elements, in order. */
  readonly childNames: string[];
  /** The only child element called `name` (throws when absent or repeated). */
  child(name: string): XmlElement;
}

function wrap(el: Element): XmlElement {
  const children: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) children.push(wrap(n as Element));
  return {
    name: el.tagName,
    children,
    text: el.textContent ?? '',
    childNames: children.map((c) => c.name),
    child(name) {
      const found = children.filter((c) => c.name === name);
      if (found.length !== 1) throw new Error(`<${el.tagName}> has ${found.length} <${name}> children`);
      return found[0];
    },
  };
}

/** The root element of a well-formed document (xmldom throws on a malformed one). */
export function parseXml(body: string): XmlElement {
  return wrap(new DOMParser().parseFromString(body, 'text/xml').documentElement!);
}
