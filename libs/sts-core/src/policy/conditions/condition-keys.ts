/**
 * Condition keys the STS itself fills in (ram-policy.md §4.2, §4.3). Key names are matched
 * case-insensitively; these spellings are the documented ones and the ones policies should use.
 */
export const ConditionKeys = {
  CurrentTime: 'acs:CurrentTime',
  SecureTransport: 'acs:SecureTransport',
  SourceIp: 'acs:SourceIp',
  MFAPresent: 'acs:MFAPresent',
  SourceVpc: 'acs:SourceVpc',
  AccessId: 'acs:AccessId',
  PrincipalARN: 'acs:PrincipalARN',
  PrincipalAccount: 'acs:PrincipalAccount',
  PrincipalType: 'acs:PrincipalType',
  PrincipalRAMUserId: 'acs:PrincipalRAMUserId',
  Service: 'acs:Service',
  TagKeys: 'acs:TagKeys',
  ExternalId: 'sts:ExternalId',
  SourceIdentity: 'sts:SourceIdentity',
  SamlRecipient: 'saml:recipient',
  OidcIssuer: 'oidc:iss',
  OidcAudience: 'oidc:aud',
  OidcSubject: 'oidc:sub',
} as const;

export const requestTagKey = (tag: string): string => `acs:RequestTag/${tag}`;
export const resourceTagKey = (tag: string): string => `acs:ResourceTag/${tag}`;

/**
 * Keys whose request value may be a list. Only these accept the `ForAnyValue:` / `ForAllValues:`
 * qualifiers: on a single-valued key a qualifier changes nothing but can flip the meaning of a
 * missing key (`ForAllValues` is vacuously true), a trap better refused at write time.
 */
export const MULTI_VALUED_KEY_NAMES: readonly string[] = [ConditionKeys.TagKeys, ConditionKeys.OidcAudience];
export const MULTI_VALUED_KEYS: ReadonlySet<string> = new Set(MULTI_VALUED_KEY_NAMES.map((k) => k.toLowerCase()));

const KEY_FORMAT = /^[A-Za-z0-9_.-]+:[^\u0000-\u001f]+$/;

export const isWellFormedConditionKey = (key: string): boolean => key.length <= 256 && KEY_FORMAT.test(key);
