import { StsError } from './sts-error';

/**
 * Every error code the specs name, with its HTTP status and Alibaba's message text (odd grammar
 * kept on purpose: clients string-match some of them). Sources: sts-api.md §3.4, §4.3, §5.3, §7;
 * ram-api.md §9; federation.md.
 */
const e = (code: string, status: number, message: string) => new StsError(code, status, message);

export const Errors = {
  // ---- request shape (sts-api.md §7) ------------------------------------------------------------
  missingParameter: (name: string) => e(`MissingParameter.${name}`, 400, `Parameter ${name} is required.`),
  /** Gateway-level form `Missing<Name>`, used for the common (signature) parameters. */
  missingCommonParameter: (name: string) => e(`Missing${name}`, 400, `${name} is mandatory for this action.`),
  invalidParameter: (name: string, message = `The specified parameter "${name}" is not valid.`) =>
    e(`InvalidParameter.${name}`, 400, message),
  invalidActionOrVersion: () => e('InvalidParameter', 400, 'The specified parameter "Action or Version" is not valid.'),
  invalidActionNotFound: () => e('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.'),
  invalidVersion: () => e('InvalidVersion', 400, 'Specified parameter Version is not valid.'),
  invalidParameterFormat: (name: string) =>
    e(`InvalidParameter.${name}.Format`, 400, `The format of the parameter - "${name}" is incorrect.`),
  invalidParameterLength: (name: string) =>
    e(`InvalidParameter.${name}.Length`, 400, `The parameter - "${name}" beyond the length limit.`),
  invalidParameterChars: (name: string) =>
    e(`InvalidParameter.${name}.InvalidChars`, 400, `The parameter - "${name}" contains invalid chars.`),
  /** Malformed request framing: bad percent-encoding, duplicate parameters, wrong content type. */
  badRequest: (message: string) => e('InvalidParameter', 400, message),
  requestTooLarge: () => e('InvalidParameter.RequestSize', 413, 'The request entity is too large.'),
  /** sts-api.md §7 (text UNCONFIRMED): only when STS_REQUIRE_HTTPS is on. */
  needSsl: () => e('InvalidProtocol.NeedSsl', 400, 'Your request is denied as lack of ssl protect.'),

  // ---- authentication (sts-api.md §7) ------------------------------------------------------------
  accessKeyNotFound: () => e('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'),
  accessKeyInactive: () => e('InvalidAccessKeyId.Inactive', 400, 'Specified access key is disabled.'),
  signatureDoesNotMatch: (serverStringToSign: string) =>
    e(
      'SignatureDoesNotMatch',
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
    ),
  incompleteSignature: () => e('IncompleteSignature', 400, 'The request signature does not conform to Aliyun standards.'),
  invalidSignatureMethod: () => e('InvalidSignatureMethod', 400, 'Specified signature method is not supported.'),
  signatureNonceUsed: () => e('SignatureNonceUsed', 400, 'Specified signature nonce was used already.'),
  timestampExpired: () => e('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.'),
  timestampFormat: () => e('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.'),
  missingSecurityToken: () => e('MissingSecurityToken', 400, 'SecurityToken is mandatory for this action.'),
  securityTokenExpired: () => e('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.'),
  securityTokenMalformed: () => e('InvalidSecurityToken.Malformed', 400, 'Specified SecurityToken is malformed.'),
  securityTokenMismatch: () =>
    e('InvalidSecurityToken.MismatchWithAccessKey', 400, 'Specified SecurityToken mismatch with the AccessKey.'),
  /** Session revoked by RevokeSession / RevokeRoleSessions, or its role deleted. */
  securityTokenRevoked: () => e('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.'),
  throttlingUser: () => e('Throttling.User', 400, 'Request was denied due to user flow control.'),
  throttling: () => e('Throttling', 400, 'Request was denied due to request throttling.'),
  forbiddenRam: () =>
    e('Forbidden.RAM', 403, "User not authorized to operate on the specified resource, or this API doesn't support RAM."),
  internalError: () =>
    e('InternalError', 500, 'The request processing has failed due to some unknown error, exception or failure.'),
  serviceUnavailable: () => e('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.'),

  // ---- STS (sts-api.md §3.4, §4.3, §5.3) --------------------------------------------------------
  roleArnInvalid: () => e('InvalidParameter.RoleArn', 400, 'The parameter RoleArn is wrongly formed.'),
  roleSessionNameInvalid: () => e('InvalidParameter.RoleSessionName', 400, 'The parameter RoleSessionName is wrongly formed.'),
  durationSecondsInvalid: () =>
    e('InvalidParameter.DurationSeconds', 400, 'The DurationSeconds is invalid. It must be between 900 and the MaxSessionDuration of the role.'),
  policyGrammar: (detail?: string) =>
    e('InvalidParameter.PolicyGrammar', 400, detail ? `The parameter Policy has not passed grammar check. ${detail}` : 'The parameter Policy has not passed grammar check.'),
  /** AssumeRoleWithSAML/OIDC's texts for the same codes (sts-api.md §4.3; §5.3 uses the SAML ones). */
  federatedDurationSecondsInvalid: () => e('InvalidParameter.DurationSeconds', 400, 'The DurationSeconds is invalid.'),
  federatedPolicyGrammar: () => e('InvalidParameter.PolicyGrammar', 400, 'Invalid Policy.'),
  /** sts-api.md §4.3 (and §5.3, "as for SAML"): the federated wording, with the current limit for its legacy 1024. */
  federatedPolicySize: (max: number) => e('InvalidParameter.PolicySize', 400, `The max size of policy string is ${max}.`),
  samlRoleSessionNameInvalid: () => e('InvalidParameter.RoleSessionName', 400, 'The RoleSessionName is invalid.'),
  policySize: (max: number) => e('InvalidParameter.PolicySize', 400, `The size of Policy must be smaller than ${max} characters.`),
  externalIdInvalid: () => e('InvalidParameter.ExternalId', 400, 'The parameter ExternalId is wrongly formed.'),
  sourceIdentityInvalid: () => e('InvalidParameter.SourceIdentity', 400, 'The parameter SourceIdentity is wrongly formed.'),
  /** UNCONFIRMED (no Alibaba text): a role session asked for another SourceIdentity than the one it carries. */
  sourceIdentityChanged: () => e('InvalidParameter.SourceIdentity', 400, 'The SourceIdentity of a role session cannot be changed when it assumes another role.'),
  noPermission: () => e('NoPermission', 403, 'You are not authorized to do this action. You should be authorized by RAM.'),
  rootMayNotAssume: () => e('NoPermission', 403, 'Roles may not be assumed by root accounts.'),
  roleNotExist: (roleArn: string) => e('EntityNotExist.Role', 404, `The role not exists: ${roleArn}.`),
  stsInternalError: () => e('InternalError', 500, 'STS Server Internal Error happened.'),
  /** AssumeRoleWithSAML names a missing role differently from AssumeRole/OIDC (sts-api.md §4.3). */
  samlRoleNotExist: () => e('EntityNotExist.RoleArn', 404, 'The specified Role does not exists.'),
  samlProviderNotExist: () => e('EntityNotExist.SAMLProvider', 404, 'Can not find SAML provider.'),
  idpMetadataInvalid: () => e('AuthenticationFail.IDPMetadata.Invalid', 401, 'The IdP Metadata of your SAML Provider is invalid.'),
  samlAssertionExpired: () => e('AuthenticationFail.SAMLAssertion.Expired', 401, 'The SAML Assertion is expired.'),
  samlAssertionInvalid: () => e('AuthenticationFail.SAMLAssertion.Invalid', 401, 'The SAML Assertion is invalid.'),
  federationNoPermission: () => e('AuthenticationFail.NoPermission', 401, 'There is no permission'),
  oidcProviderNotRegistered: () => e('AuthenticationFail.NoPermission', 401, 'No such OIDC Provider registered.'),
  oidcTokenExpired: () => e('AuthenticationFail.OIDCToken.Expired', 401, 'This JsonWebToken is expired.'),
  oidcTokenInvalid: () => e('AuthenticationFail.OIDCToken.Invalid', 401, 'The OIDC token is invalid.'),
  oidcAudienceNotMatch: () => e('AuthenticationFail.OIDCToken.AudienceNotMatch', 401, 'Invalid audience.'),
  oidcIssuerNotMatch: () =>
    e('AuthenticationFail.OIDCToken.IssuerNotMatch', 401, "The issuer in the OIDC Token doesn't match the OIDC Provider registered."),
  oidcIssuerConfigurationBroken: (issuer: string) =>
    e('AuthenticationFail.OIDCToken.IssuerConfigurationBroken', 401, `Get public keys from OIDC Provider failed, the issuer is ${issuer}.`),
  /** federation.md B.2 #9 (message text UNCONFIRMED). */
  oidcFingerprintMismatch: () =>
    e('AuthenticationFail.OIDCToken.PublicKeyFingerprintMismatch', 401, 'The fingerprint of the OIDC Provider certificate does not match any fingerprint registered.'),

  // ---- RAM (ram-api.md §9) ------------------------------------------------------------------------
  ramNoPermission: () => e('NoPermission', 403, 'You are not authorized to do this action.'),
  malformedPolicyDocument: (detail: string) => e('MalformedPolicyDocument', 400, detail),
  entityNotExist: (entity: string, message: string) => e(`EntityNotExist.${entity}`, 404, message),
  entityAlreadyExists: (entity: string, message: string) => e(`EntityAlreadyExists.${entity}`, 409, message),
  deleteConflict: (what: string, message: string) => e(`DeleteConflict.${what}`, 409, message),
  limitExceeded: (what: string, message = `The count of ${what} beyond the current limits.`) =>
    e(`LimitExceeded.${what}`, 409, message),
} as const;

/**
 * RAM/IMS directory errors with Alibaba's texts (ram-api.md §2-§9). Where the spec marks a code
 * or message UNCONFIRMED, the text follows the documented pattern of its neighbours.
 */
export const RamErrors = {
  /** ram-api.md's text for its InternalError (500). */
  internalError: () => new StsError('InternalError', 500, 'An internal error occurred.'),
  missing: (name: string) => Errors.missingCommonParameter(name),
  userNotExist: () => Errors.entityNotExist('User', 'The user does not exist.'),
  roleNotExist: () => Errors.entityNotExist('Role', 'The role does not exist.'),
  policyNotExist: () => Errors.entityNotExist('Policy', 'The policy does not exist.'),
  policyVersionNotExist: () => Errors.entityNotExist('Policy.Version', 'The policy version does not exist.'),
  accessKeyNotExist: () => Errors.entityNotExist('User.AccessKey', 'The user access key does not exist.'),
  userPolicyNotExist: () => Errors.entityNotExist('User.Policy', 'The indicate policy of the user does not exist.'),
  rolePolicyNotExist: () => Errors.entityNotExist('Role.Policy', 'The indicate policy of the role does not exist.'),
  samlProviderNotExist: () => Errors.entityNotExist('SAMLProvider', 'The SAML provider does not exist.'),
  oidcProviderNotExist: () => Errors.entityNotExist('OIDCProvider', 'The OIDC provider does not exist.'),
  oidcClientIdNotExist: () => Errors.entityNotExist('OIDCProvider.ClientId', 'The client id of the OIDC provider does not exist.'),
  oidcFingerprintNotExist: () => Errors.entityNotExist('OIDCProvider.Fingerprint', 'The fingerprint of the OIDC provider does not exist.'),

  userExists: () => Errors.entityAlreadyExists('User', 'The user does already EXIST.'),
  roleExists: () => Errors.entityAlreadyExists('Role', 'The role does already EXIST.'),
  policyExists: () => Errors.entityAlreadyExists('Policy', 'The policy does already EXIST.'),
  userPolicyExists: () => Errors.entityAlreadyExists('User.Policy', 'The user has already been attached this policy.'),
  rolePolicyExists: () => Errors.entityAlreadyExists('Role.Policy', 'The role has already been attached this policy.'),
  samlProviderExists: () => Errors.entityAlreadyExists('SAMLProvider', 'The SAML provider does already EXIST.'),
  oidcProviderExists: () => Errors.entityAlreadyExists('OIDCProvider', 'The OIDC provider does already EXIST.'),
  oidcClientIdExists: () => Errors.entityAlreadyExists('OIDCProvider.ClientId', 'The client id of the OIDC provider does already EXIST.'),
  oidcFingerprintExists: () => Errors.entityAlreadyExists('OIDCProvider.Fingerprint', 'The fingerprint of the OIDC provider does already EXIST.'),

  userHasAccessKey: () => Errors.deleteConflict('User.AccessKey', 'The user CAN NOT has any access key while deleting the user.'),
  userHasPolicy: () => Errors.deleteConflict('User.Policy', 'The user CAN NOT has any attached policy while deleting the user.'),
  roleHasPolicy: () => Errors.deleteConflict('Role.Policy', 'The role CAN NOT has any attached policy while deleting the role.'),
  policyAttachedToUser: () => Errors.deleteConflict('Policy.User', 'The policy CAN NOT be attached to any user while deleting the policy.'),
  policyAttachedToRole: () => Errors.deleteConflict('Policy.Role', 'The policy CAN NOT be attached to any role while deleting the policy.'),
  policyHasVersions: () => Errors.deleteConflict('Policy.Version', 'The policy CAN NOT has any version except the default version.'),
  defaultVersionDelete: () => Errors.deleteConflict('Policy.Version.Default', 'The default policy version CAN NOT been deleted directly.'),

  userLimit: () => Errors.limitExceeded('User', 'The count of users beyond the current limits.'),
  roleLimit: () => Errors.limitExceeded('Role', 'The count of roles beyond the current limits.'),
  policyLimit: () => Errors.limitExceeded('Policy', 'The count of policies beyond the current limits.'),
  policyVersionLimit: () => Errors.limitExceeded('Policy.Version', 'The count of policy version beyond the current limits.'),
  accessKeyLimit: () => Errors.limitExceeded('User.AccessKey', 'The count of access keys of the user beyond the current limits.'),
  userPolicyLimit: () => Errors.limitExceeded('User.Policy', 'The count of policies attached to the user beyond the current limits.'),
  rolePolicyLimit: () => Errors.limitExceeded('Role.Policy', 'The count of policies attached to the role beyond the current limits.'),
  samlProviderLimit: () => Errors.limitExceeded('SAMLProvider', 'The count of SAML providers beyond the current limits.'),
  oidcProviderLimit: () => Errors.limitExceeded('OIDCProvider', 'The count of OIDC providers beyond the current limits.'),
  oidcClientIdLimit: () => Errors.limitExceeded('OIDCProvider.ClientId', 'The count of client ids of the OIDC provider beyond the current limits.'),
  oidcFingerprintLimit: () => Errors.limitExceeded('OIDCProvider.Fingerprint', 'The count of fingerprints of the OIDC provider beyond the current limits.'),

  policyType: () => Errors.invalidParameter('PolicyType', 'The parameter - "PolicyType" is incorrect.'),
  versionIdFormat: () => Errors.invalidParameterFormat('VersionId'),
  /** Any other invalid value (out of range, not in the allowed set): `InvalidParameter.<Name>`. */
  invalid: (name: string) => Errors.invalidParameter(name, `The parameter - "${name}" is incorrect.`),
  samlMetadata: () =>
    Errors.invalidParameter('EncodedSAMLMetadataDocument', 'The parameter - "EncodedSAMLMetadataDocument" is incorrect.'),
} as const;
