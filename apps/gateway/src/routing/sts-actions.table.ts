import { parameters, type ActionSpec } from './action-spec';

/** STS 2015-04-01 (sts-api.md §3–§6). token-issuance authorises these itself, so no resource rule. */
export const STS_ACTIONS: readonly ActionSpec[] = [
  { product: 'Sts', action: 'AssumeRole', anonymous: false, parameters: parameters('RoleArn! RoleSessionName! Policy DurationSeconds ExternalId SourceIdentity') },
  { product: 'Sts', action: 'AssumeRoleWithSAML', anonymous: true, parameters: parameters('SAMLProviderArn! RoleArn! SAMLAssertion! Policy DurationSeconds') },
  {
    product: 'Sts',
    action: 'AssumeRoleWithOIDC',
    anonymous: true,
    parameters: parameters('OIDCProviderArn! RoleArn! OIDCToken! RoleSessionName! Policy DurationSeconds'),
  },
  { product: 'Sts', action: 'GetCallerIdentity', anonymous: false, parameters: [] },
];
