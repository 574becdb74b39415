import { Errors } from '../errors';
import { canonicalUri } from './canonical.builder';
import { paramText, securityTokenField, timestampField } from './request-fields.reader';
import { V1_SIGNATURE_METHOD, V1_SIGNATURE_VERSION } from './signature-v1.algorithm';
import { failure, type NormalisedRequest, type ParseResult } from './signing.types';

const missing = (name: string) => failure('MissingParameter', Errors.missingCommonParameter(name));

/**
 * Step 1 for a V1 request. Everything is read from the signed parameters (query ∪ form), never
 * from the `x-acs-action` header pop-core also sends: V1 does not sign headers, and pop-core's
 * header even differs from its `Action` parameter when the caller lower-cases the action.
 */
export function parseV1Request(req: NormalisedRequest, params: ReadonlyMap<string, string>, signature: string): ParseResult {
  const method = paramText(params, 'SignatureMethod');
  if (method === undefined) return missing('SignatureMethod');
  const version = paramText(params, 'SignatureVersion');
  if (version === undefined) return missing('SignatureVersion');
  if (method !== V1_SIGNATURE_METHOD || version !== V1_SIGNATURE_VERSION) {
    return failure('UnsupportedSignatureMethod', Errors.invalidSignatureMethod());
  }

  const accessKeyId = paramText(params, 'AccessKeyId');
  if (accessKeyId === undefined) return missing('AccessKeyId');
  const nonce = paramText(params, 'SignatureNonce');
  if (nonce === undefined) return missing('SignatureNonce');
  const timestamp = paramText(params, 'Timestamp');
  if (timestamp === undefined) return missing('Timestamp');
  const timestampMs = timestampField(timestamp);
  if (!timestampMs.ok) return timestampMs;
  const action = paramText(params, 'Action');
  if (action === undefined) return missing('Action');
  const apiVersion = paramText(params, 'Version');
  if (apiVersion === undefined) return missing('Version');
  const securityToken = securityTokenField(accessKeyId, params, req.headers);
  if (!securityToken.ok) return securityToken;

  const uri = canonicalUri(req.path);
  if (uri === undefined) return failure('InvalidParameter', Errors.badRequest('The request path is not valid percent-encoded UTF-8.'));

  return {
    ok: true,
    request: {
      scheme: 'v1',
      accessKeyId,
      securityToken: securityToken.value,
      nonce,
      timestamp,
      timestampMs: timestampMs.value,
      action,
      version: apiVersion,
      params,
      material: { method: req.method, canonicalUri: uri, pairs: Array.from(params), signature },
    },
  };
}
