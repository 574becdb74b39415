import { v7 as uuidv7 } from 'uuid';
import type { DomainEvent, EventEnvelope } from '@opensts/sts-core/events';
import { RequestContextStore } from '../logging/request-context';
import { currentTraceHeaders } from '../telemetry/trace-context';

export interface AggregateRef {
  aggregateType: string;
  aggregateId: string;
  /** Stream version for event-sourced aggregates; 0 for state-stored entities. */
  aggregateVersion?: number;
  accountId?: string;
}

/** Wraps a domain event with identity, time, the request that caused it and its trace context. */
export function envelopeFor<T extends DomainEvent>(event: T, ref: AggregateRef, now: Date = new Date()): EventEnvelope<T['type'], T['payload']> {
  const request = RequestContextStore.current();
  return {
    eventId: uuidv7(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: now.toISOString(),
    aggregateType: ref.aggregateType,
    aggregateId: ref.aggregateId,
    aggregateVersion: ref.aggregateVersion ?? 0,
    accountId: ref.accountId,
    requestId: request?.requestId,
    ...currentTraceHeaders(),
    payload: event.payload,
  };
}
