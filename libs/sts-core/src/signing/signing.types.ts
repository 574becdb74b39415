import type { StsError } from '../errors';

/** One decoded `name=value` parameter, as it came off the URL query or the form body. */
export type ParamPair = readonly [name: string, value: string];

/** Header values keyed by lowercase name; an array when the client repeated the header. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * An incoming HTTP request reduced to what signing needs. The gateway builds it once per request;
 * the gRPC VerifyRequest API receives the same fields.
 */
export interface NormalisedRequest {
  /** As received, e.g. `GET` or `POST` (not upper-cased here: the client signed what it sent). */
  readonly method: string;
  /** Raw path without the query, as on the wire (still percent-encoded), e.g. `/`. */
  readonly path: string;
  /** URL query, decoded (UTF-8), in wire order. */
  readonly query: readonly ParamPair[];
  /** Decoded `application/x-www-form-urlencoded` body parameters; omit for any other body. */
  readonly form?: readonly ParamPair[];
  readonly headers: HeaderMap;
  /** Lowercase hex SHA-256 of the exact body bytes; wins over `body`. */
  readonly bodySha256?: string;
  /** The exact body bytes; with neither this nor `bodySha256` the body is taken to be empty. */
  readonly body?: string | Uint8Array;
}

interface ParsedCommon {
  readonly action: string;
  readonly version: string;
  /** Query ∪ form body (duplicates are refused), `Signature` excluded: the parameters to act on. */
  readonly params: ReadonlyMap<string, string>;
}

/** What V1 recomputation needs; filled by the parser, read by `verifySignature`. */
export interface V1SigningMaterial {
  readonly method: string;
  readonly canonicalUri: string;
  /** Every signed parameter, unsorted. */
  readonly pairs: readonly ParamPair[];
  readonly signature: string;
}

/** What V3 recomputation needs; `headerValues[i]` is the canonical value of `signedHeaders[i]`. */
export interface V3SigningMaterial {
  readonly method: string;
  readonly canonicalUri: string;
  readonly query: readonly ParamPair[];
  readonly signedHeaders: readonly string[];
  readonly signedHeadersList: string;
  readonly headerValues: readonly string[];
  readonly hashedPayload: string;
  readonly signature: string;
}

interface ParsedSignedCommon extends ParsedCommon {
  readonly accessKeyId: string;
  /** Present whenever the client sent one; always present for `STS.` keys. */
  readonly securityToken: string | undefined;
  readonly nonce: string;
  readonly timestamp: string;
  readonly timestampMs: number;
}

export interface ParsedV1Request extends ParsedSignedCommon {
  readonly scheme: 'v1';
  readonly material: V1SigningMaterial;
}

export interface ParsedV3Request extends ParsedSignedCommon {
  readonly scheme: 'v3';
  readonly material: V3SigningMaterial;
}

/** AssumeRoleWithSAML / AssumeRoleWithOIDC: no key, no signature, no nonce; timestamp optional. */
export interface ParsedAnonymousRequest extends ParsedCommon {
  readonly scheme: 'anonymous';
  readonly timestamp: string | undefined;
  readonly timestampMs: number | undefined;
}

export type ParsedSignedRequest = ParsedV1Request | ParsedV3Request;
export type ParsedRequest = ParsedSignedRequest | ParsedAnonymousRequest;

export type SigningFailureReason =
  | 'MissingParameter'
  | 'InvalidParameter'
  | 'MissingSecurityToken'
  | 'BadTimestampFormat'
  | 'TimestampExpired'
  | 'UnsupportedSignatureMethod'
  | 'IncompleteSignature'
  | 'ContentHashMismatch'
  | 'SignatureMismatch'
  | 'NonceUsed'
  | 'CredentialRejected';

export type SigningFailure =
  | {
      readonly ok: false;
      readonly reason: 'SignatureMismatch';
      readonly error: StsError;
      /** The server's StringToSign, also inside `error.message` as the SDKs expect. */
      readonly stringToSign: string;
    }
  | { readonly ok: false; readonly reason: Exclude<SigningFailureReason, 'SignatureMismatch'>; readonly error: StsError };

export type ParseResult = { readonly ok: true; readonly request: ParsedRequest } | SigningFailure;
export type VerifyResult = { readonly ok: true } | SigningFailure;

export const failure = (
  reason: Exclude<SigningFailureReason, 'SignatureMismatch'>,
  error: StsError,
): SigningFailure => ({ ok: false, reason, error });
