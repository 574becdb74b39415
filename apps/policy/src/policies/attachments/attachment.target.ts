import { ActionParams } from '@opensts/platform';
import { RamErrors, StsError } from '@opensts/sts-core/errors';
import type { AttachmentPrincipalType } from '@opensts/sts-core/events';

/** What differs between the user and the role variant of each attachment action. */
export interface AttachmentTarget {
  type: AttachmentPrincipalType;
  /** `UserName` / `RoleName`. */
  param: string;
  notExist: () => StsError;
  alreadyAttached: () => StsError;
  notAttached: () => StsError;
}

export const USER_TARGET: AttachmentTarget = { type: 'User', param: 'UserName', notExist: RamErrors.userNotExist, alreadyAttached: RamErrors.userPolicyExists, notAttached: RamErrors.userPolicyNotExist };
export const ROLE_TARGET: AttachmentTarget = { type: 'Role', param: 'RoleName', notExist: RamErrors.roleNotExist, alreadyAttached: RamErrors.rolePolicyExists, notAttached: RamErrors.rolePolicyNotExist };

export const principalNameParam = (p: ActionParams, t: AttachmentTarget): string => p.required(t.param);
