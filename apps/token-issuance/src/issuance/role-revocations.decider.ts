import { Errors } from '@opensts/sts-core/errors';
import type { RoleSessionsRevokedEvent } from '@opensts/sts-core/events';
import type { Decider } from './decider';
import { IssuanceErrors } from './issuance.errors';

/**
 * Role-wide revocation: one stream per RoleId holding the cut-off "sessions issued before T are
 * dead". Issuing never touches it; verifiers compare a session's issuedAt with the cut-off.
 */

// ---- Commands --------------------------------------------------------------------------------

export interface RevokeRoleSessions {
  readonly type: 'RevokeRoleSessions';
  readonly data: {
    readonly requestedRoleArn: string;
    readonly role: { readonly accountId: string; readonly roleId: string; readonly arn: string } | undefined;
    /** Defaults to `now`. */
    readonly issuedBefore?: Date;
    readonly now: Date;
  };
}

export type RoleRevocationsCommand = RevokeRoleSessions;
export type RoleRevocationsEvent = RoleSessionsRevokedEvent;

// ---- State -----------------------------------------------------------------------------------

export type RoleRevocationsState = { readonly status: 'NoneRevoked' } | { readonly status: 'RevokedBefore'; readonly issuedBefore: Date };

export const initialState = (): RoleRevocationsState => ({ status: 'NoneRevoked' });

// ---- Evolve ----------------------------------------------------------------------------------

export function evolve(state: RoleRevocationsState, event: RoleRevocationsEvent): RoleRevocationsState {
  switch (event.type) {
    case 'RoleSessionsRevoked': {
      const cut = new Date(event.payload.issuedBefore);
      // a cut-off only ever moves forward
      return state.status === 'RevokedBefore' && state.issuedBefore >= cut ? state : { status: 'RevokedBefore', issuedBefore: cut };
    }
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}

// ---- Decide ----------------------------------------------------------------------------------

export function revokeRoleSessions({ data }: RevokeRoleSessions, state: RoleRevocationsState): RoleRevocationsEvent[] {
  if (data.role === undefined) throw Errors.roleNotExist(data.requestedRoleArn);
  const issuedBefore = data.issuedBefore ?? data.now;
  // a future cut-off would also kill sessions not issued yet: that is disabling the role, not revoking
  if (issuedBefore.getTime() > data.now.getTime()) throw IssuanceErrors.issuedBeforeInFuture();
  if (state.status === 'RevokedBefore' && state.issuedBefore.getTime() >= issuedBefore.getTime()) return [];
  const { accountId, roleId, arn } = data.role;
  return [
    {
      type: 'RoleSessionsRevoked',
      schemaVersion: 1,
      payload: { accountId, roleId, roleArn: arn, issuedBefore: issuedBefore.toISOString(), revokedAt: data.now.toISOString() },
    },
  ];
}

export function decide(command: RoleRevocationsCommand, state: RoleRevocationsState): RoleRevocationsEvent[] {
  switch (command.type) {
    case 'RevokeRoleSessions':
      return revokeRoleSessions(command, state);
    default: {
      const unknown: never = command.type;
      return unknown;
    }
  }
}

export const RoleRevocationsDecider: Decider<RoleRevocationsCommand, RoleRevocationsEvent, RoleRevocationsState> = { decide, evolve, initialState };
