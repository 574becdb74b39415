import { ActionParams } from '@opensts/platform';
import { isValidName, NAME_RULES } from '@opensts/sts-core/arn';
import { Errors, RamErrors, StsError } from '@opensts/sts-core/errors';
import type { AttachmentPrincipalType, PolicyType } from '@opensts/sts-core/events';
import type { PolicyLimits } from '../policy.constants';

/** Pure rules of the policy context (ram-api.md §5, §6, §10): every decision testable without I/O. */

export function checkPolicyName(param: string, value: string): string {
  if (value.length > NAME_RULES.policyName.max) throw Errors.invalidParameterLength(param);
  if (!isValidName('policyName', value)) throw Errors.invalidParameterChars(param);
  return value;
}

export function checkDescription(param: string, value: string | undefined): string | undefined {
  if (value !== undefined && [...value].length > 1024) throw Errors.invalidParameterLength(param);
  return value;
}

export const POLICY_TYPES = ['System', 'Custom'] as const;

/** `PolicyType`: required where the API requires it, else an optional filter; anything else is InvalidParameter.PolicyType. */
export function policyTypeParam(p: ActionParams, required: boolean): PolicyType | undefined {
  const raw = required ? p.required('PolicyType') : p.optional('PolicyType');
  if (raw === undefined) return undefined;
  if (raw !== 'System' && raw !== 'Custom') throw RamErrors.policyType();
  return raw;
}

export function checkVersionId(value: string): string {
  if (!/^v[1-9][0-9]{0,8}$/.test(value)) throw RamErrors.versionIdFormat();
  return value;
}

export const versionNumberOf = (versionId: string): number => Number(versionId.slice(1));

export const ROTATE_STRATEGIES = ['None', 'DeleteOldestNonDefaultVersionWhenLimitExceeded'] as const;
export type RotateStrategy = (typeof ROTATE_STRATEGIES)[number];

export interface VersionsState {
  defaultVersionId: string;
  /** Existing version ids. */
  versionIds: readonly string[];
  nextVersion: number;
}

export interface NewVersionPlan {
  versionId: string;
  isDefault: boolean;
  /** Version removed to make room (rotate strategy). */
  evict?: string;
}

/** CreatePolicyVersion: `v<next>`; at the limit either refuse or evict the oldest non-default version. */
export function planNewVersion(state: VersionsState, request: { setAsDefault: boolean; rotate: RotateStrategy }, limit: number): NewVersionPlan {
  const plan: NewVersionPlan = { versionId: `v${state.nextVersion}`, isDefault: request.setAsDefault };
  if (state.versionIds.length < limit) return plan;
  if (request.rotate === 'None') throw RamErrors.policyVersionLimit();
  const oldest = [...state.versionIds].filter((v) => v !== state.defaultVersionId).sort((a, b) => versionNumberOf(a) - versionNumberOf(b))[0];
  if (oldest === undefined) throw RamErrors.policyVersionLimit();
  return { ...plan, evict: oldest };
}

/** DeletePolicyVersion: the version must exist and must not be the default. */
export function checkVersionDeletable(state: VersionsState, versionId: string): void {
  if (!state.versionIds.includes(versionId)) throw RamErrors.policyVersionNotExist();
  if (versionId === state.defaultVersionId) throw RamErrors.defaultVersionDelete();
}

/**
 * DeletePolicy: without CascadingDelete a policy still attached, or with versions besides the
 * default, is refused; with it, both are removed along with the policy.
 */
export function policyDeleteRefusal(facts: { userAttachments: number; roleAttachments: number; extraVersions: number; cascading: boolean }): StsError | undefined {
  if (facts.cascading) return undefined;
  if (facts.userAttachments > 0) return RamErrors.policyAttachedToUser();
  if (facts.roleAttachments > 0) return RamErrors.policyAttachedToRole();
  if (facts.extraVersions > 0) return RamErrors.policyHasVersions();
  return undefined;
}

/** Attach: one more policy of `policyType` must stay within the principal's quota. */
export function checkAttachmentQuota(principalType: AttachmentPrincipalType, policyType: PolicyType, attachedOfType: number, limits: PolicyLimits): void {
  const quota = (principalType === 'User' ? limits.perUser : limits.perRole)[policyType];
  if (attachedOfType >= quota) throw principalType === 'User' ? RamErrors.userPolicyLimit() : RamErrors.rolePolicyLimit();
}
