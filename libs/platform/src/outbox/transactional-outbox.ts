import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { Database } from '../persistence/database';
import { OutboxMessageEntity } from './outbox-message.entity';

export type Emit = (topic: string, envelope: EventEnvelope) => void;

/**
 * Runs a state change and records the events announcing it in one transaction, so neither can be
 * lost without the other. The relay publishes them afterwards; it is nudged on commit.
 * Write the state change before emitting: the outbox id then follows commit order per entity.
 */
export class TransactionalOutbox {
  private listeners: (() => void)[] = [];

  constructor(readonly db: Database) {}

  async run<T>(work: (manager: EntityManager, emit: Emit) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (manager) => {
      const pending: EventEnvelope[] = [];
      const topics: string[] = [];
      const value = await work(manager, (topic, envelope) => {
        topics.push(topic);
        pending.push(envelope);
      });
      if (pending.length > 0) await appendToOutbox(manager, pending.map((envelope, i) => ({ topic: topics[i], envelope })));
      return value;
    });
    this.listeners.forEach((l) => l());
    return result;
  }

  /** The relay subscribes to be woken after each commit. */
  onCommit(listener: () => void): void {
    this.listeners.push(listener);
  }
}

export async function appendToOutbox(manager: EntityManager, items: { topic: string; envelope: EventEnvelope }[]): Promise<void> {
  const createdAt = new Date().toISOString();
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxMessageEntity)
    .values(items.map(({ topic, envelope }) => ({ eventId: envelope.eventId, topic, messageKey: envelope.aggregateId, envelope: JSON.stringify(envelope), createdAt })))
    .execute();
}
