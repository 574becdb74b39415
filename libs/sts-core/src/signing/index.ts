export type {
  HeaderMap,
  NormalisedRequest,
  ParamPair,
  ParseResult,
  ParsedAnonymousRequest,
  ParsedRequest,
  ParsedSignedRequest,
  ParsedV1Request,
  ParsedV3Request,
  SigningFailure,
  SigningFailureReason,
  V1SigningMaterial,
  V3SigningMaterial,
  VerifyResult,
} from './signing.types';
export { percentEncode, percentEncodeTwice, toQueryString } from './percent.encoder';
export { canonicalQueryString, canonicalUri, compareCodePoints } from './canonical.builder';
export { formatAcsTimestamp, parseAcsTimestamp } from './acs-timestamp.codec';
export { V1_SIGNATURE_METHOD, V1_SIGNATURE_VERSION, v1Signature, v1StringToSign } from './signature-v1.algorithm';
export * from './signature-v3.algorithm';
export { parseAcs3Authorization, type Acs3Authorization, type Acs3AuthorizationParse } from './authorization-header.parser';
export { DEFAULT_ANONYMOUS_ACTIONS, parseSignedRequest, type ParseOptions } from './signed-request.parser';
export { constantTimeEquals, serverStringToSign, verifySignature } from './signature.verifier';
export * from './request.authenticator';
export * from './request.signer';
