/** Injection tokens of the policy service (unique symbols: the embedded process hosts every service). */
export const POLICY_LIMITS = Symbol('policy.limits');
export const POLICY_DIRECTORY_CLIENT = Symbol('policy.directory-client');

/** Quotas of ram-api.md §10; override the provider to configure them. */
export interface PolicyLimits {
  customPoliciesPerAccount: number;
  versionsPerPolicy: number;
  /** Policies attached to one user / role, per policy type. */
  perUser: { System: number; Custom: number };
  perRole: { System: number; Custom: number };
}

export const DEFAULT_POLICY_LIMITS: PolicyLimits = Object.freeze({
  customPoliciesPerAccount: 1500,
  versionsPerPolicy: 5,
  perUser: { System: 20, Custom: 10 },
  perRole: { System: 20, Custom: 5 },
});

/** Pseudo-account of the built-in policies (`acs:ram::system:policy/<name>`). */
export const SYSTEM_ACCOUNT = 'system';
