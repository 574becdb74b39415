import { Emit, envelopeFor } from '@opensts/platform';
import { Topics } from '@opensts/sts-core/events';
import type { AttachmentEntity } from './attachment.entity';

/** PolicyAttached / PolicyDetached of attachment `a` (its row already at the new version). */
export function emitAttachmentEvent(emit: Emit, type: 'PolicyAttached' | 'PolicyDetached', a: AttachmentEntity, names: { policyName: string; principalName: string }): void {
  const payload = { accountId: a.accountId, policyName: names.policyName, policyType: a.policyType, principalType: a.principalType, principalId: a.principalId, principalName: names.principalName, attachDate: a.attachDate };
  emit(Topics.policy, envelopeFor({ type, schemaVersion: 1, payload }, { aggregateType: 'PolicyAttachment', aggregateId: a.attachmentId, aggregateVersion: a.version, accountId: a.accountId }));
}
