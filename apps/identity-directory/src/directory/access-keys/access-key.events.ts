import { Emit, envelopeFor } from '@opensts/platform';
import { AccessKeyOwner, IdentityEvent, Topics } from '@opensts/sts-core/events';
import type { AccessKeyEntity } from './access-key.entity';
import type { KeyOwner } from './access-key.repository';

export const ownerPayload = (o: KeyOwner): AccessKeyOwner => (o.type === 'Account' ? { type: 'Account' } : { type: 'User', userId: o.userId, userName: o.userName });

/** The sealed secret travels as stored (SecretBox JSON bound to the AccessKeyId), never in clear. */
export const accessKeyCreated = (k: AccessKeyEntity, owner: KeyOwner): IdentityEvent => ({
  type: 'AccessKeyCreated',
  schemaVersion: 1,
  payload: { accountId: k.accountId, accessKeyId: k.accessKeyId, owner: ownerPayload(owner), status: k.status, sealedSecret: k.sealedSecret, createDate: k.createDate },
});

/** Same secret, new sealed form (master key rotation): consumers replace the record they hold. */
export const accessKeyResealed = (k: AccessKeyEntity, owner: KeyOwner): IdentityEvent => ({
  type: 'AccessKeyResealed',
  schemaVersion: 1,
  payload: { accountId: k.accountId, accessKeyId: k.accessKeyId, owner: ownerPayload(owner), status: k.status, sealedSecret: k.sealedSecret, createDate: k.createDate },
});

export const accessKeyStatusChanged = (k: AccessKeyEntity, owner: KeyOwner): IdentityEvent => ({
  type: 'AccessKeyStatusChanged',
  schemaVersion: 1,
  payload: { accountId: k.accountId, accessKeyId: k.accessKeyId, owner: ownerPayload(owner), status: k.status },
});

export const accessKeyDeleted = (k: AccessKeyEntity, owner: KeyOwner): IdentityEvent => ({
  type: 'AccessKeyDeleted',
  schemaVersion: 1,
  payload: { accountId: k.accountId, accessKeyId: k.accessKeyId, owner: ownerPayload(owner) },
});

export function emitAccessKeyEvent(emit: Emit, event: IdentityEvent, k: AccessKeyEntity, version = k.version): void {
  emit(Topics.identity, envelopeFor(event, { aggregateType: 'AccessKey', aggregateId: k.accessKeyId, aggregateVersion: version, accountId: k.accountId }));
}
