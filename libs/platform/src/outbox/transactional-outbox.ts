import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { Database } from '../persistence/database';

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

const OUTBOX_CHUNK = 1_000;

/** Multi-row insert in plain SQL: TypeORM's insert builder cost more per row than the row (bench/RESULTS.md). */
export async function appendToOutbox(manager: EntityManager, items: { topic: string; envelope: EventEnvelope }[]): Promise<void> {
  const pg = manager.connection.options.type === 'postgres';
  const createdAt = new Date().toISOString();
  for (let i = 0; i < items.length; i += OUTBOX_CHUNK) {
    const chunk = items.slice(i, i + OUTBOX_CHUNK);
    const values = chunk.map((_, j) => (pg ? `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})` : '(?, ?, ?, ?, ?)')).join(', ');
    const params = chunk.flatMap(({ topic, envelope }) => [envelope.eventId, topic, envelope.aggregateId, JSON.stringify(envelope), createdAt]);
    await manager.query(`INSERT INTO outbox (event_id, topic, message_key, envelope, created_at) VALUES ${values}`, params);
  }
}
