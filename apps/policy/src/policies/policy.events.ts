import { Emit, envelopeFor } from '@opensts/platform';
import { PolicyEvent, Topics } from '@opensts/sts-core/events';
import type { PolicyEntity } from './policy.entity';

/** Emits an event of policy `p` at its row version (after the change). */
export function emitPolicyEvent(emit: Emit, event: PolicyEvent, p: PolicyEntity, version = p.version): void {
  emit(Topics.policy, envelopeFor(event, { aggregateType: 'Policy', aggregateId: p.policyId, aggregateVersion: version, accountId: p.accountId }));
}
