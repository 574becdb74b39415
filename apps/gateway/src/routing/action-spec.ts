import type { Product } from '@opensts/platform';
import type { CallerPrincipal } from '@opensts/sts-core/principal';

/** One request parameter of an action, as `/openapi.json` describes it. */
export interface ParameterSpec {
  readonly name: string;
  readonly required: boolean;
}

/**
 * The RAM resource an action acts on, relative to the caller's account (`user/alice`), or `*` for
 * actions without resource-level authorisation (the list actions).
 */
export type ResourceRule = (params: ReadonlyMap<string, string>, caller: CallerPrincipal) => string;

export interface ActionSpec {
  readonly product: Product;
  readonly action: string;
  readonly parameters: readonly ParameterSpec[];
  /** STS actions: no signature (AssumeRoleWithSAML / AssumeRoleWithOIDC). */
  readonly anonymous: boolean;
  /**
   * RAM/IMS actions: the gateway authorises `ram:<Action>` on this resource (ADR 0005). Absent for
   * STS actions, which token-issuance authorises itself.
   */
  readonly resource?: ResourceRule;
  /**
   * Further resources the same `ram:<Action>` must be allowed on, when the request names them
   * (undefined: none): UpdateUser's NewUserName, so a rename cannot move a user into a name that
   * a trust policy or a Deny refers to (IAM does the same).
   */
  readonly alsoOn?: (params: ReadonlyMap<string, string>, caller: CallerPrincipal) => string | undefined;
}

/** `'UserName! DisplayName'`: names separated by spaces, `!` marks a required one. */
export const parameters = (list: string): ParameterSpec[] =>
  list
    .split(' ')
    .filter(Boolean)
    .map((p) => (p.endsWith('!') ? { name: p.slice(0, -1), required: true } : { name: p, required: false }));

/** `kind/<value of param>`; a missing name stays empty and the owning service reports it. */
export const named =
  (kind: string, param: string): ResourceRule =>
  (params) =>
    `${kind}/${params.get(param) ?? ''}`;

/** No resource-level authorisation. */
export const anyResource: ResourceRule = () => '*';

/**
 * AccessKey actions: `UserName`, or, when a RAM user leaves it out, that user itself
 * (ram-api.md §3: a RAM user caller without it acts on its own keys).
 */
export const userOrSelf: ResourceRule = (params, caller) =>
  `user/${params.get('UserName') || (caller.type === 'RAMUser' ? caller.userName : '')}`;
