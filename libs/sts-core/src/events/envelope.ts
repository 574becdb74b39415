/**
 * The one envelope every OpenSTS domain event travels in, on Kafka and on the in-process bus.
 * The Kafka message key is `aggregateId`, so one aggregate's events stay in order on one partition.
 * Consumers dedupe by `eventId` (UUIDv7: time-ordered, unique).
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  /** ISO-8601 UTC with milliseconds. */
  occurredAt: string;
  aggregateType: string;
  aggregateId: string;
  /** 1-based position of this event in its aggregate's stream (0 when the event is not event-sourced). */
  aggregateVersion: number;
  /** Tenant the event belongs to; audit and isolation key. */
  accountId?: string;
  /** The API request that caused the event (the RequestId clients saw). */
  requestId?: string;
  /** W3C trace context of the request that caused the event. */
  traceparent?: string;
  tracestate?: string;
  payload: TPayload;
}

/** A domain event before it is wrapped: what deciders and services produce. */
export interface DomainEvent<TType extends string = string, TPayload = unknown> {
  type: TType;
  schemaVersion: number;
  payload: TPayload;
}

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.eventId === 'string' &&
    typeof v.type === 'string' &&
    typeof v.schemaVersion === 'number' &&
    typeof v.aggregateId === 'string' &&
    typeof v.occurredAt === 'string' &&
    'payload' in v
  );
}
