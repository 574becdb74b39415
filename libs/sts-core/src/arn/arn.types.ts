/**
 * Every ARN form OpenSTS reads or writes (sts-api.md §2, ram-policy.md §3, federation.md), as a
 * union keyed on `kind` so a `switch` over it fails to compile when a kind is added.
 */
export interface RootArn {
  readonly kind: 'root';
  readonly accountId: string;
}

export interface UserArn {
  readonly kind: 'user';
  readonly accountId: string;
  readonly userName: string;
}

export interface RoleArn {
  readonly kind: 'role';
  readonly accountId: string;
  readonly roleName: string;
}

/**
 * A role session. AssumeRole returns the `role` form (`role/<role>/<session>`), GetCallerIdentity
 * the `assumed-role` form; both name the same session, so they share one kind.
 */
export interface AssumedRoleArn {
  readonly kind: 'assumed-role';
  readonly accountId: string;
  readonly roleName: string;
  readonly sessionName: string;
  readonly form: AssumedRoleArnForm;
}

export type AssumedRoleArnForm = 'role' | 'assumed-role';

export interface SamlProviderArn {
  readonly kind: 'saml-provider';
  readonly accountId: string;
  readonly providerName: string;
}

export interface OidcProviderArn {
  readonly kind: 'oidc-provider';
  readonly accountId: string;
  readonly providerName: string;
}

/** System policies are global: Alibaba writes them under the pseudo-account `system`. */
export interface PolicyArn {
  readonly kind: 'policy';
  readonly accountId: string;
  readonly policyName: string;
}

export interface GroupArn {
  readonly kind: 'group';
  readonly accountId: string;
  readonly groupName: string;
}

/**
 * Anything else `acs:<service>:<region>:<account>:<resource>`: other services' resources and
 * RAM ARNs written as policy patterns (`acs:ram:*:123:role/*`). Account may be empty or `*`.
 */
export interface GenericArn {
  readonly kind: 'generic';
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

export type Arn =
  | RootArn
  | UserArn
  | RoleArn
  | AssumedRoleArn
  | SamlProviderArn
  | OidcProviderArn
  | PolicyArn
  | GroupArn
  | GenericArn;

export type ArnKind = Arn['kind'];

export type ArnOfKind<K extends ArnKind> = Extract<Arn, { kind: K }>;

export type ArnFailureReason =
  | 'not-an-arn'
  | 'invalid-account-id'
  | 'invalid-name'
  | 'invalid-session-name'
  | 'unexpected-kind';

/** Why a string is not the ARN wanted; `message` is for logs, never for the wire. */
export interface ArnFailure {
  readonly ok: false;
  readonly reason: ArnFailureReason;
  readonly message: string;
}

export type ArnResult<T extends Arn = Arn> = { readonly ok: true; readonly arn: T } | ArnFailure;
