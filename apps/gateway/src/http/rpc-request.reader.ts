import { Errors, type StsError } from '@opensts/sts-core/errors';
import type { HeaderMap, NormalisedRequest, ParamPair } from '@opensts/sts-core/signing';
import type { GatewayOptions } from '../config/gateway-options';
import { decodeParameterString, type DecodeProblem } from './parameter-string.decoder';

/** What the reader needs from the HTTP request: Node's raw fields plus the body Fastify buffered. */
export interface IncomingRpcRequest {
  readonly method: string;
  /** Request target as on the wire, e.g. `/?Action=AssumeRole&…`. */
  readonly url: string;
  /** Node's `rawHeaders`: name, value, name, value… in wire order, names in their original case. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer | undefined;
  /** A GET that announced a body: Fastify does not read GET bodies, so its parameters would be lost. */
  readonly unreadBody?: boolean;
}

export type ReadResult = { readonly ok: true; readonly request: NormalisedRequest } | { readonly ok: false; readonly error: StsError };

const FORM = 'application/x-www-form-urlencoded';
/** Anything but printable ASCII: raw UTF-8 bytes arrive as latin1 characters and would be re-encoded wrongly. */
const NOT_URL_TEXT = /[^\x21-\x7e]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
type Limits = Pick<GatewayOptions, 'maxGetBytes' | 'maxPostBytes' | 'maxParameterChars' | 'maxParameters'>;

/**
 * Turns one HTTP request into the `NormalisedRequest` the signature check consumes: the query and
 * a form body decoded strictly (pairs in wire order), the headers signing cares about (repeats kept
 * as arrays, never joined with `, ` as Node does), the exact body bytes for the V3 content hash.
 * Every refusal is a 4xx StsError; nothing here throws.
 */
export function readRpcRequest(incoming: IncomingRpcRequest, limits: Limits): ReadResult {
  if (incoming.unreadBody) return { ok: false, error: Errors.badRequest('A GET request cannot carry a body; send parameters in the query or use POST.') };
  const body = incoming.body !== undefined && incoming.body.length > 0 ? incoming.body : undefined;
  const size = incoming.url.length + (body?.length ?? 0);
  if (size > (incoming.method === 'GET' ? limits.maxGetBytes : limits.maxPostBytes)) return { ok: false, error: Errors.requestTooLarge() };

  if (NOT_URL_TEXT.test(incoming.url)) return { ok: false, error: Errors.badRequest('The request URL must be percent-encoded ASCII.') };
  const headers = signingHeaders(incoming.rawHeaders);
  const mark = incoming.url.indexOf('?');
  const path = mark === -1 ? incoming.url : incoming.url.slice(0, mark);
  const query = mark === -1 ? [] : decodeParameterString(incoming.url.slice(mark + 1), limits);
  if (!Array.isArray(query)) return { ok: false, error: problemError(query as DecodeProblem, 'query string') };

  let form: ParamPair[] | undefined;
  if (body !== undefined) {
    const problem = formProblem(headers['content-type']);
    if (problem) return { ok: false, error: Errors.badRequest(problem) };
    const text = utf8(body);
    if (text === undefined) return { ok: false, error: problemError({ problem: 'Malformed' }, 'request body') };
    const decoded = decodeParameterString(text, { ...limits, maxParameters: limits.maxParameters - query.length });
    if (!Array.isArray(decoded)) return { ok: false, error: problemError(decoded as DecodeProblem, 'request body') };
    form = decoded;
  }
  return { ok: true, request: { method: incoming.method, path, query, form, headers, body } };
}

/**
 * Every header, by lower-case name: a V3 signature covers exactly the headers its SignedHeaders
 * lists (openapi-signing.md §4), which may name any of them, not only host, content-type and x-acs-*.
 */
function signingHeaders(raw: readonly string[]): HeaderMap {
  const headers: Record<string, string | string[]> = Object.create(null);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const previous = headers[name];
    const value = raw[i + 1];
    headers[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return headers;
}

/** A body is only ever RPC parameters, as `application/x-www-form-urlencoded` in UTF-8. */
function formProblem(contentType: string | readonly string[] | undefined): string | undefined {
  if (contentType === undefined) return `A request body needs Content-Type: ${FORM}.`;
  if (typeof contentType !== 'string') return 'The Content-Type header is given more than once.';
  const [mediaType, ...parameters] = contentType.split(';');
  if (mediaType.trim().toLowerCase() !== FORM) return `The Content-Type of the request body must be ${FORM}.`;
  for (const parameter of parameters) {
    const [key, value = ''] = parameter.split('=');
    if (key.trim().toLowerCase() === 'charset' && !/^"?utf-?8"?$/i.test(value.trim())) return 'The request body must be encoded in UTF-8.';
  }
  return undefined;
}

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;

function problemError(p: DecodeProblem, where: string): StsError {
  switch (p.problem) {
    case 'Malformed':
      return Errors.badRequest(`The ${where} is not valid percent-encoded UTF-8.`);
    case 'NulCharacter':
      return Errors.badRequest(`The ${where} has a parameter with a NUL character.`);
    case 'TooManyParameters':
      return Errors.badRequest('The request has too many parameters.');
    case 'ValueTooLong':
      return SAFE_NAME.test(p.name) ? Errors.invalidParameterLength(p.name) : Errors.badRequest('A parameter value is too long.');
    default: {
      const never: never = p;
      return never;
    }
  }
}
