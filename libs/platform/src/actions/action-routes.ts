import type { ServiceName } from '../config';
import type { Product } from './action.types';

/** API versions served per product (openapi-signing.md). */
export const PRODUCT_VERSIONS: Record<Product, string> = { Sts: '2015-04-01', Ram: '2015-05-01', Ims: '2019-08-15' };

const STS = ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithOIDC', 'GetCallerIdentity'];
const RAM_IDENTITY = [
  'CreateUser', 'GetUser', 'UpdateUser', 'ListUsers', 'DeleteUser',
  'CreateAccessKey', 'ListAccessKeys', 'UpdateAccessKey', 'DeleteAccessKey',
  'CreateRole', 'GetRole', 'UpdateRole', 'ListRoles', 'DeleteRole',
];
const RAM_POLICY = [
  'CreatePolicy', 'GetPolicy', 'ListPolicies', 'DeletePolicy', 'UpdatePolicyDescription',
  'CreatePolicyVersion', 'GetPolicyVersion', 'ListPolicyVersions', 'SetDefaultPolicyVersion', 'DeletePolicyVersion',
  'AttachPolicyToUser', 'DetachPolicyFromUser', 'AttachPolicyToRole', 'DetachPolicyFromRole',
  'ListPoliciesForUser', 'ListPoliciesForRole', 'ListEntitiesForPolicy',
];
const IMS_PROVIDERS = [
  'CreateSAMLProvider', 'GetSAMLProvider', 'ListSAMLProviders', 'UpdateSAMLProvider', 'DeleteSAMLProvider',
  'CreateOIDCProvider', 'GetOIDCProvider', 'ListOIDCProviders', 'UpdateOIDCProvider', 'DeleteOIDCProvider',
  'AddClientIdToOIDCProvider', 'RemoveClientIdFromOIDCProvider', 'AddFingerprintToOIDCProvider', 'RemoveFingerprintFromOIDCProvider',
];

const owners = (service: ServiceName, actions: string[]) => Object.fromEntries(actions.map((a) => [a, service]));

/** Which service owns each action: the gateway routes by this table in distributed mode. */
export const ACTION_OWNERS: Record<Product, Readonly<Record<string, ServiceName>>> = {
  Sts: owners('token-issuance', STS),
  Ram: { ...owners('identity-directory', RAM_IDENTITY), ...owners('policy', RAM_POLICY) },
  Ims: owners('identity-directory', IMS_PROVIDERS),
};

export function actionOwner(product: Product, action: string): ServiceName | undefined {
  return Object.prototype.hasOwnProperty.call(ACTION_OWNERS[product], action) ? ACTION_OWNERS[product][action] : undefined;
}
