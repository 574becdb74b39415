import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { Database, IdempotentConsumer } from '@opensts/platform';
import { AccessIndex } from './access-index';
import { AccessViewEntity } from './access-view.entity';
import { projectEvent } from './event-projection';
import { ChangeMarker, isNewer, markerOf, ViewChange } from './view-change';

const INSERT_IF_ABSENT = (values: string) =>
  `INSERT INTO access_view (kind, key, account_id, agg_version, event_id, aggregate_id, deleted, data) VALUES (${values}) ON CONFLICT (kind, key) DO NOTHING RETURNING kind`;
const INSERT_IF_ABSENT_PG = INSERT_IF_ABSENT('$1, $2, $3, $4, $5, $6, $7, $8');
const INSERT_IF_ABSENT_SQLITE = INSERT_IF_ABSENT('?, ?, ?, ?, ?, ?, ?, ?');

/**
 * Keeps the access view: every event is applied to this instance's memory always (each instance
 * consumes every event in its own group) and to the host's database once per service (the inbox
 * is shared by the service's instances). Both applications ignore stale markers, so replays,
 * redeliveries and instances that run behind one another converge on the same state.
 *
 * Memory first: what authentication reads must not wait for the shared database. Another
 * instance's uncommitted inbox row for the same event (a stalled instance, a locked or slow
 * database) would otherwise hold a revoked key valid on every instance until that transaction
 * ends. Applying to memory first is safe: it is idempotent, and if the durable write fails the
 * event is delivered again (the offset is not committed), so memory and the durable copy meet.
 */
export class AccessViewStore {
  private readonly logger = new Logger(AccessViewStore.name);
  private readonly inbox: IdempotentConsumer;
  private readonly listeners: ((env: EventEnvelope, changes: ViewChange[]) => void)[] = [];

  constructor(private readonly db: Database, readonly index: AccessIndex, consumerName: string) {
    this.inbox = new IdempotentConsumer(db, consumerName);
  }

  /** Memory from the durable copy; call before consuming. */
  async load(): Promise<number> {
    const rows = await this.db.manager.find(AccessViewEntity);
    for (const r of rows) {
      this.index.apply(
        { kind: r.kind as ViewChange['kind'], key: r.key, accountId: r.accountId ?? undefined, data: r.deleted ? undefined : JSON.parse(r.data) },
        { aggregateVersion: r.aggVersion, eventId: r.eventId, aggregateId: r.aggregateId ?? undefined },
      );
    }
    this.logger.log(`access view loaded: ${rows.length} records`);
    return rows.length;
  }

  async apply(env: EventEnvelope): Promise<void> {
    const changes = projectEvent(env);
    if (changes.length === 0) return;
    const marker = markerOf(env);
    for (const change of changes) this.index.apply(change, marker);
    await this.inbox.apply(env, async (m) => {
      for (const change of changes) await this.persist(m, change, marker);
    });
    for (const l of this.listeners) l(env, changes);
  }

  /** Tests and waiters observe applied events. */
  onApplied(listener: (env: EventEnvelope, changes: ViewChange[]) => void): void {
    this.listeners.push(listener);
  }

  private async persist(m: EntityManager, change: ViewChange, marker: ChangeMarker, depth = 0): Promise<void> {
    const pg = this.db.kind === 'postgres';
    const rows: { agg_version: number; event_id: string; aggregate_id: string | null; data: string }[] = await m.query(
      pg
        ? 'SELECT agg_version, event_id, aggregate_id, data FROM access_view WHERE kind = $1 AND key = $2 FOR UPDATE'
        : 'SELECT agg_version, event_id, aggregate_id, data FROM access_view WHERE kind = ? AND key = ?',
      [change.kind, change.key],
    );
    const current = rows[0];
    if (current && !isNewer(marker, { aggregateVersion: Number(current.agg_version), eventId: current.event_id, aggregateId: current.aggregate_id ?? undefined })) return;
    const merged = change.data?.$merge === true ? { ...(current ? JSON.parse(current.data) : {}), ...change.data } : (change.data ?? (current ? JSON.parse(current.data) : {}));
    delete merged.$merge;
    const row = {
      kind: change.kind,
      key: change.key,
      accountId: change.accountId ?? null,
      aggVersion: marker.aggregateVersion,
      eventId: marker.eventId,
      aggregateId: marker.aggregateId ?? null,
      deleted: change.data === undefined,
      data: JSON.stringify(merged),
    };
    if (current) {
      await m.update(AccessViewEntity, { kind: change.kind, key: change.key }, row);
      return;
    }
    // No row to lock: another instance may be creating it with another event right now (a policy
    // deleted and re-created under its name). Only one insert wins; the other compares its
    // marker with the winner's, under the row lock, like any update.
    const inserted: unknown[] = await m.query(pg ? INSERT_IF_ABSENT_PG : INSERT_IF_ABSENT_SQLITE, [
      row.kind, row.key, row.accountId, row.aggVersion, row.eventId, row.aggregateId, pg ? row.deleted : Number(row.deleted), row.data,
    ]);
    if (inserted.length === 0 && depth === 0) await this.persist(m, change, marker, 1);
  }
}
