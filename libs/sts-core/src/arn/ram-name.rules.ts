/**
 * Name rules of the RAM entities that appear in ARNs. Sources: ram-api.md §2 (users), §4 (roles),
 * §5 (policies), §10 (lengths); sts-api.md §3.1 (session names); federation.md A.1/B.1
 * (providers). Where the docs changed over time, the current revision wins.
 */
export interface NameRule {
  readonly min: number;
  readonly max: number;
  readonly charset: RegExp;
  /** Providers may not start or end with `.`, `-` or `_`. */
  readonly edges?: RegExp;
}

const rule = (min: number, max: number, charset: RegExp, edges?: RegExp): NameRule => ({ min, max, charset, edges });

const ALNUM_EDGES = /^[A-Za-z0-9](?:.*[A-Za-z0-9])?$/s;

export const NAME_RULES = {
  roleName: rule(1, 64, /^[A-Za-z0-9.-]+$/),
  userName: rule(1, 64, /^[A-Za-z0-9._-]+$/),
  groupName: rule(1, 64, /^[A-Za-z0-9._-]+$/),
  policyName: rule(1, 128, /^[A-Za-z0-9-]+$/),
  roleSessionName: rule(2, 64, /^[A-Za-z0-9.@_-]+$/),
  providerName: rule(1, 128, /^[A-Za-z0-9._-]+$/, ALNUM_EDGES),
} as const satisfies Record<string, NameRule>;

export type NamedEntity = keyof typeof NAME_RULES;

export function isValidName(entity: NamedEntity, value: string): boolean {
  const r: NameRule = NAME_RULES[entity];
  return (
    value.length >= r.min && value.length <= r.max && r.charset.test(value) && (r.edges === undefined || r.edges.test(value))
  );
}

/**
 * Account ids are decimal strings, 16 digits in every observed account; a wider 12–20 range keeps
 * hand-written fixtures and any future id width valid without admitting non-numeric junk.
 */
const ACCOUNT_ID = /^[0-9]{12,20}$/;

export function isValidAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** The pseudo-account of Alibaba's built-in (System) policies: `acs:ram::system:policy/<name>`. */
export const SYSTEM_POLICY_ACCOUNT = 'system';
