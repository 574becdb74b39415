import { Errors } from '../errors';
import { headerText, paramText, timestampField } from './request-fields.reader';
import { failure, type NormalisedRequest, type ParseResult, type SigningFailure } from './signing.types';
import { parseV1Request } from './v1-request.parser';
import { parseV3Request } from './v3-request.parser';

/** The STS actions the SDKs call with `authType: "Anonymous"` (sts-api.md §1). */
export const DEFAULT_ANONYMOUS_ACTIONS: ReadonlySet<string> = new Set(['AssumeRoleWithSAML', 'AssumeRoleWithOIDC']);

export interface ParseOptions {
  /** Actions that may arrive unsigned; any other unsigned request is refused here. */
  readonly anonymousActions?: ReadonlySet<string>;
}

type MergedParams = { readonly ok: true; readonly params: Map<string, string>; readonly signature: string | undefined };

/**
 * Query ∪ form body. A name given twice — within the query, within the body or across both — is
 * refused rather than resolved: the classic parameter-pollution trick is a signature computed over
 * one copy while the handler reads the other.
 */
function mergeParams(req: NormalisedRequest): MergedParams | SigningFailure {
  const params = new Map<string, string>();
  let signature: string | undefined;
  for (const source of req.form === undefined ? [req.query] : [req.query, req.form]) {
    for (const [name, value] of source) {
      const duplicate = name === 'Signature' ? signature !== undefined : params.has(name);
      if (duplicate) {
        return failure('InvalidParameter', Errors.badRequest(`The parameter "${name.slice(0, 64)}" is given more than once.`));
      }
      if (name === 'Signature') signature = value;
      else params.set(name, value);
    }
  }
  return { ok: true, params, signature };
}

/**
 * Step 1 of verification, pure and secret-free: picks the scheme (V3 when `Authorization` starts
 * with `ACS3-`, V1 when a `Signature` parameter is present, anonymous otherwise), extracts who
 * claims to call and when, and refuses malformed requests before the caller spends a lookup on
 * the AccessKeyId or decrypts a SecurityToken.
 */
export function parseSignedRequest(req: NormalisedRequest, options: ParseOptions = {}): ParseResult {
  const merged = mergeParams(req);
  if (!merged.ok) return merged;

  const anonymousActions = options.anonymousActions ?? DEFAULT_ANONYMOUS_ACTIONS;
  // The anonymous actions ignore a signature (sts-api.md §1): pop-core's RPCClient signs every
  // call, with whatever key it was given, and the assertion or token is the only proof there.
  const named = paramText(merged.params, 'Action') ?? headerText(req.headers, 'x-acs-action');
  if (named !== undefined && anonymousActions.has(named) && (merged.signature !== undefined || req.headers['authorization'] !== undefined)) {
    for (const name of SIGNING_PARAMETERS) merged.params.delete(name);
    return parseAnonymous(req, merged.params, anonymousActions);
  }

  const authorization = req.headers['authorization'];
  if (Array.isArray(authorization) && authorization.length > 1) return failure('IncompleteSignature', Errors.incompleteSignature());
  const auth = headerText(req.headers, 'authorization');
  if (auth !== undefined && auth.startsWith('ACS3-')) return parseV3Request(req, auth, merged.params);
  if (merged.signature !== undefined) return parseV1Request(req, merged.params, merged.signature);
  if (auth !== undefined) return failure('UnsupportedSignatureMethod', Errors.invalidSignatureMethod());
  return parseAnonymous(req, merged.params, anonymousActions);
}

/** V1's signing parameters, which a signed call to an anonymous action leaves behind. */
const SIGNING_PARAMETERS = ['AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'SignatureType'];

function parseAnonymous(req: NormalisedRequest, params: Map<string, string>, anonymousActions: ReadonlySet<string>): ParseResult {
  // Unsigned: the parameter (credentials OIDC/SAML provider) or the header (Tea V3 anonymous) will do.
  const action = paramText(params, 'Action') ?? headerText(req.headers, 'x-acs-action');
  if (action === undefined) return failure('MissingParameter', Errors.missingCommonParameter('Action'));
  if (!anonymousActions.has(action)) {
    if (params.has('BearerToken') || params.has('SignatureType')) return failure('IncompleteSignature', Errors.incompleteSignature());
    const name = paramText(params, 'AccessKeyId') === undefined ? 'AccessKeyId' : 'Signature';
    return failure('MissingParameter', Errors.missingCommonParameter(name));
  }
  const version = paramText(params, 'Version') ?? headerText(req.headers, 'x-acs-version');
  if (version === undefined) return failure('MissingParameter', Errors.missingCommonParameter('Version'));

  const timestamp = paramText(params, 'Timestamp') ?? headerText(req.headers, 'x-acs-date');
  let timestampMs: number | undefined;
  if (timestamp !== undefined) {
    const parsed = timestampField(timestamp);
    if (!parsed.ok) return parsed;
    timestampMs = parsed.value;
  }
  return { ok: true, request: { scheme: 'anonymous', action, version, params, timestamp, timestampMs } };
}
