/**
 * Client-side signing for tests, benchmarks and internal services calling OpenSTS: the same
 * bytes the official SDKs put on the wire (pop-core / Tea `v2` for V1, Tea default for V3).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { formatAcsTimestamp } from './acs-timestamp.codec';
import { canonicalUri } from './canonical.builder';
import { V1_SIGNATURE_METHOD, V1_SIGNATURE_VERSION, v1Signature, v1StringToSign } from './signature-v1.algorithm';
import { computeV3Signature, sha256Hex, V3_ALGORITHM } from './signature-v3.algorithm';
import type { ParamPair } from './signing.types';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** For `STS.` keys; V1 sends it as `SecurityToken`, V3 as `x-acs-security-token`. */
  readonly securityToken?: string;
}

type Params = Readonly<Record<string, string>> | readonly ParamPair[];

const timestampText = (t: Date | string | undefined): string =>
  typeof t === 'string' ? t : formatAcsTimestamp(t ?? new Date());

function requireCanonicalUri(path: string): string {
  const uri = canonicalUri(path);
  if (uri === undefined) throw new Error(`Path ${JSON.stringify(path)} is not valid percent-encoded UTF-8`);
  return uri;
}

/** Copies into a prototype-less record so that names like `__proto__` stay ordinary parameters. */
function toRecord(params: Params | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Array.isArray(params) ? (params as readonly ParamPair[]) : Object.entries(params ?? {})) {
    if (Object.prototype.hasOwnProperty.call(out, name)) throw new Error(`Parameter ${name} is given twice`);
    out[name] = value;
  }
  return out;
}

export interface SignV1Input {
  readonly method: string;
  /** Raw request path; `/` for every RPC API. */
  readonly path?: string;
  /** `Action`, `Version`, `Format` and the business parameters; any common parameter given here wins. */
  readonly params: Params;
  readonly credentials: SigningCredentials;
  readonly nonce?: string;
  readonly timestamp?: Date | string;
}

/** Every parameter to send (query and/or form body, split as you like), `Signature` included. */
export function signV1(input: SignV1Input): Record<string, string> {
  const given = toRecord(input.params);
  if ('Signature' in given) throw new Error('Parameter Signature is computed, not given');
  const { accessKeyId, accessKeySecret, securityToken } = input.credentials;
  const params: Record<string, string> = Object.assign(Object.create(null), {
    AccessKeyId: accessKeyId,
    SignatureMethod: V1_SIGNATURE_METHOD,
    SignatureVersion: V1_SIGNATURE_VERSION,
    SignatureNonce: input.nonce ?? randomUUID(),
    Timestamp: timestampText(input.timestamp),
    ...(securityToken ? { SecurityToken: securityToken } : {}),
  });
  for (const name of Object.keys(given)) params[name] = given[name];
  const stringToSign = v1StringToSign(input.method, requireCanonicalUri(input.path ?? '/'), Object.entries(params));
  params['Signature'] = v1Signature(stringToSign, accessKeySecret);
  return params;
}

export interface SignV3Input {
  readonly method: string;
  /** The `host` header exactly as it will be sent (host[:port]); it is signed. */
  readonly host: string;
  readonly path?: string;
  readonly action: string;
  readonly version: string;
  readonly query?: Params;
  /** Extra headers such as `content-type`; host, content-type and x-acs-* ones are signed. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The exact body bytes; empty when omitted. */
  readonly body?: string | Uint8Array;
  readonly credentials: SigningCredentials;
  readonly nonce?: string;
  readonly date?: Date | string;
}

/** Every header to send, lowercase names, `authorization` included. */
export function signV3(input: SignV3Input): Record<string, string> {
  const { accessKeyId, accessKeySecret, securityToken } = input.credentials;
  const headers: Record<string, string> = Object.assign(Object.create(null), {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': timestampText(input.date),
    'x-acs-signature-nonce': input.nonce ?? randomBytes(32).toString('hex'),
    'x-acs-content-sha256': sha256Hex(input.body ?? ''),
    ...(securityToken ? { 'x-acs-accesskey-id': accessKeyId, 'x-acs-security-token': securityToken } : {}),
  });
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  const query = Object.entries(toRecord(input.query));
  const { signedHeadersList, signature } = computeV3Signature(
    {
      method: input.method,
      canonicalUri: requireCanonicalUri(input.path ?? '/'),
      query,
      headers: Object.entries(headers),
      hashedPayload: headers['x-acs-content-sha256'],
    },
    accessKeySecret,
  );
  headers['authorization'] = `${V3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeadersList},Signature=${signature}`;
  return headers;
}
