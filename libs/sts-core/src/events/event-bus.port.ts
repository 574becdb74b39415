import type { EventEnvelope } from './envelope';

export interface OutgoingMessage {
  topic: string;
  /** Kafka message key: the aggregate id, so each aggregate's events stay in order. */
  key: string;
  envelope: EventEnvelope;
}

export interface DeliveredMessage {
  topic: string;
  partition?: number;
  offset?: string;
  envelope: EventEnvelope;
}

export interface Subscription {
  /** Consumer group: each group sees every message once; instances of one service share a group. */
  group: string;
  topics: readonly string[];
  /** A new group starts from the oldest retained message instead of the newest. */
  fromBeginning?: boolean;
  /**
   * Only these event types are delivered. Others are skipped before their value is even parsed
   * (Kafka header `event-type`), which matters for consumers of a busy topic that need little of it.
   */
  eventTypes?: readonly string[];
  /**
   * The process is not ready (`EventBus.isReady`) until this group has consumed what its topics
   * held when it subscribed: a read model that must be current before the instance serves (the
   * access views: a key revoked while a new instance replays its history would be accepted there).
   */
  readyWhenCaughtUp?: boolean;
  /**
   * One message at a time, in order. Must be idempotent (see IdempotentConsumer): delivery is
   * at-least-once. Throwing leaves the message unacknowledged so it is delivered again; a poison
   * message must be handled, not thrown.
   */
  handler?: (message: DeliveredMessage) => Promise<void>;
  /**
   * Or the messages of one fetch at once (same ordering and redelivery rules; throwing redelivers
   * the whole batch), so a consumer can apply many events in one transaction.
   */
  batchHandler?: (messages: DeliveredMessage[]) => Promise<void>;
  /**
   * A consumer that need not see each message at once (audit) lets the broker gather a larger
   * fetch for up to this long: fewer, larger batches, each costing one round of its work (Kafka
   * `fetch.min.bytes` / `fetch.max.wait.ms`). Default: every message as soon as it is there.
   */
  gatherMs?: number;
}

export function assertSubscription(s: Subscription): void {
  if (!s.handler === !s.batchHandler) throw new Error(`subscription ${s.group}: give exactly one of handler and batchHandler`);
}

/**
 * Port for publishing and consuming domain events. Two real adapters: Kafka (distributed mode,
 * kafkajs through @nestjs/microservices) and in-process (embedded mode). Only the outbox relay
 * publishes; services write events to their outbox in the transaction of the state change.
 */
export abstract class EventBus {
  /** Resolves once every message is durably accepted (Kafka: acks=all) or handled (in-process). */
  abstract publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Registers a subscription; it starts consuming on `start()` (or at once if already started). */
  abstract subscribe(subscription: Subscription): Promise<void>;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract isReady(): Promise<boolean>;
}

/** Marks a failure worth retrying (database unreachable…): the message will be delivered again. */
export class TransientConsumerError extends Error {
  override readonly name = 'TransientConsumerError';
}
