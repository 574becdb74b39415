import type { HeaderMap, ParamPair } from '@opensts/sts-core/signing';

const FORM = 'application/x-www-form-urlencoded';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type BodyKind = 'form' | 'opaque' | { readonly refused: string };

/**
 * What a body is by its Content-Type: form parameters (UTF-8 `application/x-www-form-urlencoded`),
 * or bytes that only their hash covers. Two Content-Types, or a form in another charset, leave the
 * parameters ambiguous and are refused.
 */
export function bodyKind(headers: HeaderMap): BodyKind {
  const contentType = headers['content-type'];
  if (contentType === undefined) return 'opaque';
  if (typeof contentType !== 'string') return { refused: 'The Content-Type header is given more than once.' };
  const [mediaType, ...parameters] = contentType.split(';');
  if (mediaType.trim().toLowerCase() !== FORM) return 'opaque';
  for (const parameter of parameters) {
    const [key, value = ''] = parameter.split('=');
    if (key.trim().toLowerCase() === 'charset' && !/^"?utf-?8"?$/i.test(value.trim())) return { refused: 'A form body must be encoded in UTF-8.' };
  }
  return 'form';
}

/**
 * The pairs of a form body in wire order, decoded strictly (`+` is a space, a malformed escape or
 * bytes that are not UTF-8 make it undefined): the parameters acted on are exactly the signed bytes.
 */
export function decodeFormBody(bytes: Uint8Array): ParamPair[] | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  const pairs: ParamPair[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(part.slice(eq + 1));
    if (name === undefined || value === undefined) return undefined;
    pairs.push([name, value]);
  }
  return pairs;
}

function decodeComponent(raw: string): string | undefined {
  const text = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
