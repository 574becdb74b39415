import { Errors } from '../errors';
import { parseAcs3Authorization } from './authorization-header.parser';
import { canonicalUri } from './canonical.builder';
import { headerText, securityTokenField, timestampField } from './request-fields.reader';
import { canonicalHeaderValue, EMPTY_BODY_SHA256, isSignableHeader, sha256Hex } from './signature-v3.algorithm';
import { failure, type NormalisedRequest, type ParseResult, type SigningFailure } from './signing.types';

const missing = (header: string) => failure('MissingParameter', Errors.missingParameter(header));
const incomplete = (): SigningFailure => failure('IncompleteSignature', Errors.incompleteSignature());

/**
 * Step 1 for a V3 request. Before any secret is looked up it settles that the signature could
 * only verify over what the server will act on: every host / content-type / x-acs-* header present
 * is in SignedHeaders (else an attacker adds an unsigned `x-acs-security-token` or `x-acs-action`),
 * every listed header exists, and `x-acs-content-sha256` is the hash of the body received.
 */
export function parseV3Request(req: NormalisedRequest, authorization: string, params: ReadonlyMap<string, string>): ParseResult {
  const auth = parseAcs3Authorization(authorization);
  if (!auth.ok) {
    return auth.problem === 'UnsupportedAlgorithm' ? failure('UnsupportedSignatureMethod', Errors.invalidSignatureMethod()) : incomplete();
  }
  const { credential: accessKeyId, signedHeaders, signedHeadersList, signature } = auth.value;
  const headers = req.headers;

  // An empty body's Content-Type means nothing (ADR 0009), so a client stack that adds one after
  // signing is not refused for it; over a body it decides how the signed bytes are read, and must be signed.
  const emptyBody = (req.body === undefined || req.body.length === 0) && (req.bodySha256 === undefined || req.bodySha256 === EMPTY_BODY_SHA256);
  for (const name of Object.keys(headers)) {
    // Lower-cased again so a caller that breaks the lowercase contract fails closed.
    const lower = name.toLowerCase();
    if (headers[name] !== undefined && isSignableHeader(lower) && !signedHeaders.includes(name) && !(lower === 'content-type' && emptyBody)) return incomplete();
  }
  if (!signedHeaders.includes('host')) return incomplete();
  const headerValues: string[] = [];
  for (const name of signedHeaders) {
    const value = headers[name];
    if (value === undefined) return incomplete();
    headerValues.push(canonicalHeaderValue(value));
  }

  const declaredHash = headerText(headers, 'x-acs-content-sha256');
  if (declaredHash === undefined) return missing('x-acs-content-sha256');
  const bodyHash = req.bodySha256 ?? (req.body === undefined ? EMPTY_BODY_SHA256 : sha256Hex(req.body));
  if (declaredHash !== bodyHash) {
    return failure('ContentHashMismatch', Errors.badRequest('The x-acs-content-sha256 header does not match the request body.'));
  }
  // Form parameters are acted on, but V3 signs the body only through its hash: they count as
  // signed only when decoded from the very bytes hashed here, never beside a hash taken on trust.
  if (req.form !== undefined && req.form.length > 0 && (req.body === undefined || (req.bodySha256 !== undefined && sha256Hex(req.body) !== bodyHash))) {
    return failure('ContentHashMismatch', Errors.badRequest('The form parameters are not covered by the x-acs-content-sha256 of the request body.'));
  }
  const keyHeader = headerText(headers, 'x-acs-accesskey-id');
  if (keyHeader !== undefined && keyHeader !== accessKeyId) {
    return failure('InvalidParameter', Errors.badRequest('The x-acs-accesskey-id header differs from the Authorization Credential.'));
  }

  const timestamp = headerText(headers, 'x-acs-date');
  if (timestamp === undefined) return missing('x-acs-date');
  const timestampMs = timestampField(timestamp);
  if (!timestampMs.ok) return timestampMs;
  const nonce = headerText(headers, 'x-acs-signature-nonce');
  if (nonce === undefined) return missing('x-acs-signature-nonce');
  const action = headerText(headers, 'x-acs-action');
  if (action === undefined) return missing('x-acs-action');
  const version = headerText(headers, 'x-acs-version');
  if (version === undefined) return missing('x-acs-version');
  const securityToken = securityTokenField(accessKeyId, params, headers);
  if (!securityToken.ok) return securityToken;

  const uri = canonicalUri(req.path);
  if (uri === undefined) return failure('InvalidParameter', Errors.badRequest('The request path is not valid percent-encoded UTF-8.'));

  return {
    ok: true,
    request: {
      scheme: 'v3',
      accessKeyId,
      securityToken: securityToken.value,
      nonce,
      timestamp,
      timestampMs: timestampMs.value,
      action,
      version,
      params,
      material: {
        method: req.method,
        canonicalUri: uri,
        query: req.query,
        signedHeaders,
        signedHeadersList,
        headerValues,
        hashedPayload: bodyHash,
        signature,
      },
    },
  };
}
