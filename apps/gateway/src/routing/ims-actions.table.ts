import { anyResource, named, parameters, type ActionSpec, type ResourceRule } from './action-spec';

const ims = (action: string, params: string, resource: ResourceRule): ActionSpec => ({
  product: 'Ims',
  action,
  anonymous: false,
  parameters: parameters(params),
  resource,
});

const saml = named('saml-provider', 'SAMLProviderName');
const oidc = named('oidc-provider', 'OIDCProviderName');

/** IMS 2019-08-15 identity providers (ram-api.md §7–§8), authorised as `ram:<Action>` (ram-policy.md §2). */
export const IMS_ACTIONS: readonly ActionSpec[] = [
  ims('CreateSAMLProvider', 'SAMLProviderName! EncodedSAMLMetadataDocument Description AuthnSignAlgo', saml),
  ims('GetSAMLProvider', 'SAMLProviderName!', saml),
  ims('ListSAMLProviders', 'Marker MaxItems', anyResource),
  ims('UpdateSAMLProvider', 'SAMLProviderName! NewEncodedSAMLMetadataDocument NewDescription AuthnSignAlgo', saml),
  ims('DeleteSAMLProvider', 'SAMLProviderName!', saml),
  ims('CreateOIDCProvider', 'OIDCProviderName! IssuerUrl! Fingerprints! ClientIds IssuanceLimitTime Description', oidc),
  ims('GetOIDCProvider', 'OIDCProviderName!', oidc),
  ims('ListOIDCProviders', 'Marker MaxItems', anyResource),
  ims('UpdateOIDCProvider', 'OIDCProviderName! ClientIds IssuanceLimitTime NewDescription', oidc),
  ims('DeleteOIDCProvider', 'OIDCProviderName!', oidc),
  ims('AddClientIdToOIDCProvider', 'OIDCProviderName! ClientId!', oidc),
  ims('RemoveClientIdFromOIDCProvider', 'OIDCProviderName! ClientId!', oidc),
  ims('AddFingerprintToOIDCProvider', 'OIDCProviderName! Fingerprint!', oidc),
  ims('RemoveFingerprintFromOIDCProvider', 'OIDCProviderName! Fingerprint!', oidc),
];
