/**
 * The XML form of an Alibaba RPC body (sts-api.md §3.3, §8): one element per field, objects nested,
 * an array as the same element repeated (`"Users":{"User":[a,b]}` → `<Users><User>a</User><User>b</User></Users>`).
 */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// XML 1.0 forbids most control characters even as references; they become U+FFFD.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function toXmlDocument(root: string, fields: Record<string, unknown>): string {
  return `${XML_DECLARATION}\n<${root}>${fieldsToXml(fields)}</${root}>`;
}

/** The children of an element, without the element itself. */
export function fieldsToXml(fields: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (!ELEMENT_NAME.test(name)) continue; // never produce a malformed document from an odd key
    if (Array.isArray(value)) for (const item of value) out += element(name, item);
    else out += element(name, value);
  }
  return out;
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return `<${name}>${fieldsToXml(value as Record<string, unknown>)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
