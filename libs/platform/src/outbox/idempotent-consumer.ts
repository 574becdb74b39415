import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { Database } from '../persistence/database';

/**
 * Applies an event at most once per consumer: the event id is recorded in the inbox in the same
 * transaction as the effect, so a redelivery (Kafka rebalance, relay retry, restart) is a no-op.
 */
export class IdempotentConsumer {
  constructor(private readonly db: Database, readonly consumer: string) {}

  /** Returns false when the event had already been applied. */
  async apply(envelope: EventEnvelope, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.db.transaction((m) => this.applyWith(m, envelope, () => effect(m)));
  }

  /** The same, inside a transaction the caller owns (e.g. one that also writes the outbox). */
  async applyWith(manager: EntityManager, envelope: EventEnvelope, effect: () => Promise<void>): Promise<boolean> {
    const sql =
      this.db.kind === 'postgres'
        ? 'INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id'
        : 'INSERT INTO processed_events (consumer, event_id, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING event_id';
    const inserted: unknown[] = await manager.query(sql, [this.consumer, envelope.eventId, new Date().toISOString()]);
    if (inserted.length === 0) return false;
    await effect();
    return true;
  }
}
