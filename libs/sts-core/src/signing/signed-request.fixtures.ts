/**
 * Test helpers: turn client-signed parameters / headers into the `NormalisedRequest` a gateway
 * would build, going through the wire encoding so that decoding quirks are exercised too.
 */
import { toQueryString } from './percent.encoder';
import { signV1, signV3, type SignV3Input } from './request.signer';
import { parseSignedRequest } from './signed-request.parser';
import { verifySignature } from './signature.verifier';
import {
  failure,
  type NormalisedRequest,
  type ParamPair,
  type ParseResult,
  type ParsedRequest,
  type ParsedSignedRequest,
  type SigningFailureReason,
  type VerifyResult,
} from './signing.types';
import { Errors } from '../errors';

export const NOW = new Date('2026-11-28T07:23:42Z');
export const LONG_TERM = { accessKeyId: 'LTAI5tTESTKEYID0000000', accessKeySecret: 'testsecret' } as const;
export const TEMPORARY = {
  accessKeyId: 'STS.NUcanned000000000001',
  accessKeySecret: '40uNrGIwp-mZ0MIFuu6ZPFYF0pQ',
  securityToken: 'CAIScannedR72K371tYAWXc3ximr5jJqKgrISU5lvLbqtCMdIM6/D+e6++PYtltv1um97K+ETV',
} as const;

export const SOMEONE_ELSE = { accessKeyId: 'LTAI5tSomeoneElse000000', accessKeySecret: 'someone-elses-secret' } as const;

/** The server's key table: the secret of each known AccessKeyId. */
export const KEYS = (accessKeyId: string): string | undefined =>
  [LONG_TERM, TEMPORARY, SOMEONE_ELSE].find((k) => k.accessKeyId === accessKeyId)?.accessKeySecret;

/** Encode for the wire and decode back, as an HTTP stack in front of the parser would. */
export const overTheWire = (pairs: readonly ParamPair[]): ParamPair[] => [...new URLSearchParams(toQueryString(pairs))];

export interface V1RequestShape {
  readonly method: string;
  /** Which parameters travel in the form body; the rest go in the query. */
  readonly inBody?: (name: string) => boolean;
  readonly path?: string;
  readonly headers?: Record<string, string>;
}

export function v1Request(signed: Readonly<Record<string, string>>, shape: V1RequestShape): NormalisedRequest {
  const pairs = Object.entries(signed);
  const inBody = shape.inBody ?? (() => false);
  const body = pairs.filter(([n]) => inBody(n));
  return {
    method: shape.method,
    path: shape.path ?? '/',
    query: overTheWire(pairs.filter(([n]) => !inBody(n))),
    form: body.length > 0 ? overTheWire(body) : undefined,
    headers: { host: 'sts.aliyuncs.com', 'user-agent': 'jest', ...shape.headers },
  };
}

export interface V3RequestShape {
  readonly method?: string;
  readonly path?: string;
  readonly query?: readonly ParamPair[];
  readonly body?: string | Uint8Array;
  readonly form?: readonly ParamPair[];
}

export function v3Request(headers: Readonly<Record<string, string>>, shape: V3RequestShape = {}): NormalisedRequest {
  return {
    method: shape.method ?? 'POST',
    path: shape.path ?? '/',
    query: overTheWire(shape.query ?? []),
    form: shape.form,
    headers: { 'user-agent': 'jest', accept: 'application/json', ...headers },
    body: shape.body,
  };
}

export function parsedSigned(req: NormalisedRequest): ParsedSignedRequest {
  const parsed = parseSignedRequest(req);
  if (!parsed.ok) throw new Error(`expected a parse, got ${parsed.reason}: ${parsed.error.message}`);
  if (parsed.request.scheme === 'anonymous') throw new Error('expected a signed request');
  return parsed.request;
}

/** Parse, look the secret up, verify: what a server decides. An unknown key fails like a bad signature. */
export function serverVerdict(req: NormalisedRequest, secretOf: (accessKeyId: string) => string | undefined): VerifyResult {
  const parsed = parseSignedRequest(req);
  if (!parsed.ok) return parsed;
  if (parsed.request.scheme === 'anonymous') return { ok: true };
  const secret = secretOf(parsed.request.accessKeyId);
  if (secret === undefined) return failure('CredentialRejected', Errors.accessKeyNotFound());
  return verifySignature(parsed.request, secret);
}

// ---- parser spec helpers ------------------------------------------------------------------------

const BUSINESS = { Action: 'AssumeRole', Version: '2015-04-01', RoleArn: 'acs:ram::1234567890123456:role/r', RoleSessionName: 's' };

export const v1Signed = (overrides: Record<string, string> = {}, creds: typeof LONG_TERM | typeof TEMPORARY = LONG_TERM) =>
  signV1({ method: 'POST', params: { ...BUSINESS, ...overrides }, credentials: creds, nonce: 'n-1', timestamp: NOW });

export const v3Signed = (overrides: Partial<SignV3Input> = {}) =>
  signV3({ method: 'POST', host: 'sts.example.com', action: 'AssumeRole', version: '2015-04-01', credentials: LONG_TERM, nonce: 'n-3', date: NOW, ...overrides });

export const without = (params: Readonly<Record<string, string>>, name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(params).filter(([n]) => n !== name));

/** Removes a header and its SignedHeaders entry, as a client that never sent it would have. */
export function unsent(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  const rest = without(headers, name);
  rest['authorization'] = headers['authorization'].replace(new RegExp(`(=|;)${name}(;|,)`), (_, a: string, b: string) => (a === '=' ? '=' : b));
  return rest;
}

export function expectFailure(result: ParseResult, reason: SigningFailureReason, code: string): void {
  expect(result).toMatchObject({ ok: false, reason, error: { code } });
}

export function expectParsed(result: ParseResult): ParsedRequest {
  if (!result.ok) throw new Error(`${result.reason}: ${result.error.message}`);
  return result.request;
}
