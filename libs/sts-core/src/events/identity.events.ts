import { DomainEvent } from './envelope';

/**
 * Events of the identity-directory context (topic `Topics.identity`). Payloads carry full new state
 * of the entity so projections never need a second lookup. Secrets travel only sealed (SecretBox,
 * bound to the AccessKeyId); nothing here is a credential in clear text.
 */
export type AccessKeyOwner = { type: 'Account' } | { type: 'User'; userId: string; userName: string };
export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccountCreatedV1 { accountId: string; createDate: string }

export interface UserStateV1 {
  accountId: string;
  userId: string;
  userName: string;
  displayName?: string;
  email?: string;
  mobilePhone?: string;
  comments?: string;
  createDate: string;
  updateDate: string;
}
export interface UserDeletedV1 { accountId: string; userId: string; userName: string }

export interface AccessKeyCreatedV1 {
  accountId: string;
  accessKeyId: string;
  owner: AccessKeyOwner;
  status: AccessKeyStatus;
  /** Serialized SecretBox output; opened only by holders of the master key ring. */
  sealedSecret: string;
  createDate: string;
}
/** The same key and secret sealed anew (master key rotation, ADR 0010): full state, new `sealedSecret`. */
export type AccessKeyResealedV1 = AccessKeyCreatedV1;
export interface AccessKeyStatusChangedV1 { accountId: string; accessKeyId: string; owner: AccessKeyOwner; status: AccessKeyStatus }
export interface AccessKeyDeletedV1 { accountId: string; accessKeyId: string; owner: AccessKeyOwner }

export interface RoleStateV1 {
  accountId: string;
  roleId: string;
  roleName: string;
  arn: string;
  description?: string;
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  createDate: string;
  updateDate: string;
}
export interface RoleDeletedV1 { accountId: string; roleId: string; roleName: string }

export interface SamlProviderStateV1 {
  accountId: string;
  samlProviderName: string;
  arn: string;
  description?: string;
  /** IdP entityID the assertion Issuer must equal; empty while no metadata has been given. */
  entityId: string;
  /** PEM signing certificates from the metadata (at most 2; none while no metadata has been given). */
  signingCertificates: string[];
  /** Empty while no metadata has been given (CreateSAMLProvider without it). */
  encodedSamlMetadataDocument: string;
  createDate: string;
  updateDate: string;
}
export interface SamlProviderDeletedV1 { accountId: string; samlProviderName: string; arn: string }

export interface OidcProviderStateV1 {
  accountId: string;
  oidcProviderName: string;
  arn: string;
  issuerUrl: string;
  clientIds: string[];
  fingerprints: string[];
  issuanceLimitTime: number;
  description?: string;
  createDate: string;
  updateDate: string;
}
export interface OidcProviderDeletedV1 { accountId: string; oidcProviderName: string; arn: string }

export type IdentityEvent =
  | DomainEvent<'AccountCreated', AccountCreatedV1>
  | DomainEvent<'UserCreated', UserStateV1>
  | DomainEvent<'UserUpdated', UserStateV1 & { previousUserName: string }>
  | DomainEvent<'UserDeleted', UserDeletedV1>
  | DomainEvent<'AccessKeyCreated', AccessKeyCreatedV1>
  | DomainEvent<'AccessKeyStatusChanged', AccessKeyStatusChangedV1>
  | DomainEvent<'AccessKeyResealed', AccessKeyResealedV1>
  | DomainEvent<'AccessKeyDeleted', AccessKeyDeletedV1>
  | DomainEvent<'RoleCreated', RoleStateV1>
  | DomainEvent<'RoleUpdated', RoleStateV1>
  | DomainEvent<'RoleDeleted', RoleDeletedV1>
  | DomainEvent<'SamlProviderCreated', SamlProviderStateV1>
  | DomainEvent<'SamlProviderUpdated', SamlProviderStateV1>
  | DomainEvent<'SamlProviderDeleted', SamlProviderDeletedV1>
  | DomainEvent<'OidcProviderCreated', OidcProviderStateV1>
  | DomainEvent<'OidcProviderUpdated', OidcProviderStateV1>
  | DomainEvent<'OidcProviderDeleted', OidcProviderDeletedV1>;

export type IdentityEventType = IdentityEvent['type'];
