import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { Database } from '../persistence/database';
import { InboxMetrics } from './outbox.metrics';

const CHUNK = 300;

/**
 * Applies an event at most once per consumer: the event id is recorded in the inbox in the same
 * transaction as the effect, so a redelivery (Kafka rebalance, relay retry, restart) is a no-op.
 * `apply` and `applyWith` count each delivery as applied or duplicate (`opensts.inbox.events`).
 */
export class IdempotentConsumer {
  private readonly metrics: InboxMetrics;

  constructor(private readonly db: Database, readonly consumer: string) {
    this.metrics = new InboxMetrics(consumer);
  }

  /** Returns false when the event had already been applied. */
  async apply(envelope: EventEnvelope, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    const applied = await this.db.transaction((m) => this.claimAndApply(m, envelope, () => effect(m)));
    this.metrics.record(applied);
    return applied;
  }

  /** The same, inside a transaction the caller owns (e.g. one that also writes the outbox). */
  async applyWith(manager: EntityManager, envelope: EventEnvelope, effect: () => Promise<void>): Promise<boolean> {
    const applied = await this.claimAndApply(manager, envelope, effect);
    // counted once the effect ran: the caller's commit is still ahead
    this.metrics.record(applied);
    return applied;
  }

  private async claimAndApply(manager: EntityManager, envelope: EventEnvelope, effect: () => Promise<void>): Promise<boolean> {
    const fresh = await this.claim(manager, [envelope]);
    if (fresh.length === 0) return false;
    await effect();
    return true;
  }

  /**
   * Batch form, inside the caller's transaction: records every event id not seen before and
   * returns those events (in their order); the caller applies exactly these. Duplicates within
   * the batch count once.
   */
  async claim<E extends EventEnvelope>(manager: EntityManager, envelopes: readonly E[]): Promise<E[]> {
    const pg = this.db.kind === 'postgres';
    const now = new Date().toISOString();
    const inserted = new Set<string>();
    const unique = [...new Map(envelopes.map((e) => [e.eventId, e])).values()];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const values = chunk.map((_, j) => (pg ? `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})` : '(?, ?, ?)')).join(', ');
      const rows: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ${values} ON CONFLICT DO NOTHING RETURNING event_id`,
        chunk.flatMap((e) => [this.consumer, e.eventId, now]),
      );
      rows.forEach((r) => inserted.add(r.event_id));
    }
    const taken = new Set<string>();
    return envelopes.filter((e) => inserted.has(e.eventId) && !taken.has(e.eventId) && taken.add(e.eventId));
  }
}
