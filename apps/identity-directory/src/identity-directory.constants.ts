/** Injection tokens of identity-directory (unique symbols: the embedded process hosts every service). */
export const DIRECTORY_LIMITS = Symbol('identity-directory.limits');
export const DIRECTORY_SECRET_BOX = Symbol('identity-directory.secret-box');
export const DIRECTORY_POLICY_CLIENT = Symbol('identity-directory.policy-client');
export const DIRECTORY_ID_GENERATOR = Symbol('identity-directory.id-generator');

/** Quotas of ram-api.md §10 and federation.md; override the provider to configure them. */
export interface DirectoryLimits {
  usersPerAccount: number;
  rolesPerAccount: number;
  accessKeysPerUser: number;
  /** Root AccessKeys of an account, same limit as a user's by default. */
  accessKeysPerAccount: number;
  samlProvidersPerAccount: number;
  oidcProvidersPerAccount: number;
  signingCertificatesPerMetadata: number;
  fingerprintsPerOidcProvider: number;
  clientIdsPerOidcProvider: number;
}

export const DEFAULT_DIRECTORY_LIMITS: DirectoryLimits = Object.freeze({
  usersPerAccount: 1000,
  rolesPerAccount: 1000,
  accessKeysPerUser: 2,
  accessKeysPerAccount: 2,
  samlProvidersPerAccount: 100,
  oidcProvidersPerAccount: 100,
  signingCertificatesPerMetadata: 2,
  fingerprintsPerOidcProvider: 5,
  clientIdsPerOidcProvider: 50,
});
