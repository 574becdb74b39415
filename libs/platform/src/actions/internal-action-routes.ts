import type { ServiceName } from '../config';

/**
 * The internal (service-to-service) actions, who owns them and who may call them. The directory
 * services use them where an event would arrive too late (ADR 0007).
 */
export const INTERNAL_ACTIONS = {
  /** identity-directory answers whether a user/role exists now (policy, on a read-model miss). */
  LookupPrincipal: { owner: 'identity-directory', callers: ['policy'] },
  /** policy answers how many policies are attached to a user/role now (identity, before a delete). */
  CountPrincipalAttachments: { owner: 'policy', callers: ['identity-directory'] },
} as const satisfies Record<string, { owner: ServiceName; callers: readonly ServiceName[] }>;

export type InternalActionName = keyof typeof INTERNAL_ACTIONS;

export type DirectoryPrincipalType = 'User' | 'Role';

/** LookupPrincipal: params `AccountId`, `PrincipalType`, `PrincipalName`. */
export interface LookupPrincipalResult {
  Found: boolean;
  Principal?: DirectoryPrincipalSnapshot;
}

/** A user or role as the directory has it now, with its row version (the events' aggregateVersion). */
export interface DirectoryPrincipalSnapshot {
  accountId: string;
  principalType: DirectoryPrincipalType;
  principalId: string;
  name: string;
  displayName?: string;
  description?: string;
  arn?: string;
  version: number;
}

/** CountPrincipalAttachments: params `AccountId`, `PrincipalType`, `PrincipalId`. */
export interface CountPrincipalAttachmentsResult {
  Count: number;
}
