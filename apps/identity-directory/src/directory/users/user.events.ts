import { Emit, envelopeFor } from '@opensts/platform';
import { IdentityEvent, Topics, UserStateV1 } from '@opensts/sts-core/events';
import type { UserEntity } from './user.entity';

const state = (u: UserEntity): UserStateV1 => ({
  accountId: u.accountId,
  userId: u.userId,
  userName: u.userName,
  displayName: u.displayName ?? undefined,
  email: u.email ?? undefined,
  mobilePhone: u.mobilePhone ?? undefined,
  comments: u.comments ?? undefined,
  createDate: u.createDate,
  updateDate: u.updateDate,
});

export const userCreated = (u: UserEntity): IdentityEvent => ({ type: 'UserCreated', schemaVersion: 1, payload: state(u) });
export const userUpdated = (u: UserEntity, previousUserName: string): IdentityEvent => ({ type: 'UserUpdated', schemaVersion: 1, payload: { ...state(u), previousUserName } });
export const userDeleted = (u: UserEntity): IdentityEvent => ({ type: 'UserDeleted', schemaVersion: 1, payload: { accountId: u.accountId, userId: u.userId, userName: u.userName } });

/** Emits an event of user `u` at `version` (the row version after the change). */
export function emitUserEvent(emit: Emit, event: IdentityEvent, u: UserEntity, version = u.version): void {
  emit(Topics.identity, envelopeFor(event, { aggregateType: 'User', aggregateId: u.userId, aggregateVersion: version, accountId: u.accountId }));
}
