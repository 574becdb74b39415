import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { EventBus, OutgoingMessage } from '@opensts/sts-core/events';
import { Database } from '../persistence/database';
import { RelayMetrics } from './outbox.metrics';

interface OutboxRow { id: number | string; topic: string; message_key: string; envelope: string }

/** The relay lock (one relay per service database) and the oldest rows, deleted and returned; nothing when another relay holds the lock. */
const TAKE_OUTBOX_ROWS =
  'WITH relay AS (SELECT pg_try_advisory_xact_lock($1) AS locked), ' +
  'oldest AS (SELECT id FROM outbox WHERE (SELECT locked FROM relay) ORDER BY id LIMIT $2) ' +
  'DELETE FROM outbox WHERE id IN (SELECT id FROM oldest) RETURNING id, topic, message_key, envelope';

/**
 * An idle poll's look: one statement, no transaction, no lock (the drain's three round trips only
 * when it finds rows). By the primary key, like the drain: the index skips the rows relayed and
 * deleted but not yet vacuumed, which a scan of the table would read through.
 */
const FIRST_OUTBOX_ROW = 'SELECT id FROM outbox ORDER BY id LIMIT 1';

/**
 * Another committed log this relay publishes besides the outbox table (SQLite only: one writer,
 * so a log's order is its commit order, ADR 0003). The source hands out what is committed and not
 * yet published, in order; `published` records that the bus has it.
 */
export interface RelaySource {
  next(limit: number): Promise<{ messages: OutgoingMessage[]; published: () => Promise<void> } | undefined>;
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Poll interval when idle; commits in this process wake the relay at once. */
  idleMs?: number;
  /** Advisory-lock key so only one instance of a service relays at a time (PostgreSQL). */
  lockKey: number;
  /**
   * After a commit, wait this long before draining, so that the commits of the next few
   * milliseconds go out in the same batch: one publish (and, on PostgreSQL, one transaction)
   * for many commits instead of one each. 0: drain at once.
   */
  gatherMs?: number;
}

/**
 * Publishes outbox rows in id order and deletes them once the bus acknowledged them.
 * At-least-once: a crash between publish and delete republishes; consumers dedupe by event id.
 * Why delete-after-publish instead of a position checkpoint: concurrent writers commit ids out of
 * order, so "everything above the checkpoint" could skip a late commit (ADR 0003).
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly gatherMs: number;
  private gathering?: NodeJS.Timeout;
  private wokenWhileBusy = false;
  /** After a failed drain: commits do not cut the backoff short (a broker that is down would be retried at every commit). */
  private failing = false;
  private readonly sources: RelaySource[] = [];
  /** SQLite: the outbox may hold rows (a commit or an idle poll said so); clean after a short read. */
  private outboxDirty = true;
  /** PostgreSQL: the poll timer woke the relay (no commit of this process did): look before taking the lock. */
  private idlePoll = false;
  private readonly metrics = new RelayMetrics();

  constructor(private readonly db: Database, private readonly bus: EventBus, private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 50;
    this.gatherMs = options.gatherMs ?? 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.gathering);
    this.gathering = undefined;
    this.nudge();
    await this.loop;
  }

  /** A commit happened; `outbox: false` when it wrote no outbox row (only a source's log). */
  nudge(options: { outbox?: boolean } = {}): void {
    if (options.outbox !== false) this.outboxDirty = true;
    if (this.gatherMs === 0 || !this.running) return this.wakeUp();
    this.gathering ??= setTimeout(() => {
      this.gathering = undefined;
      this.wakeUp();
    }, this.gatherMs);
  }

  /** Wakes a waiting relay; one busy draining drains again before it waits (the commit may have come too late for its read). */
  private wakeUp(): void {
    if (this.wake) this.wake();
    else this.wokenWhileBusy = true;
  }

  /** Publishes `source` too (SQLite: a service whose own log replaces its outbox, e.g. an event store). */
  addSource<S extends RelaySource>(source: S): S {
    if (this.db.kind !== 'sqlite') throw new Error('relay sources need a single-writer database (SQLite)');
    this.sources.push(source);
    return source;
  }

  /** Publishes everything currently in the outbox (and the sources); returns the number of messages relayed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const counts = [this.db.kind === 'postgres' ? await this.drainPostgres() : await this.drainSqlite()];
      for (const source of this.sources) counts.push(await this.drainSource(source));
      total += counts.reduce((a, b) => a + b, 0);
      if (counts.every((n) => n < this.batchSize)) return total;
    }
  }

  private async run(): Promise<void> {
    let backoff = this.idleMs;
    while (this.running) {
      this.wokenWhileBusy = false;
      try {
        const n = await this.drain();
        backoff = this.idleMs;
        this.failing = false;
        if (n > 0 || this.wokenWhileBusy) continue;
      } catch (err) {
        this.outboxDirty = true;
        this.failing = true;
        backoff = Math.min(backoff * 2, 5_000);
        this.logger.warn(`outbox relay failed (${err instanceof Error ? err.message : 'error'}); retrying in ${backoff} ms`);
      }
      await new Promise<void>((resolve) => {
        // rows of another process (an operator tool) wake nobody: the poll looks at the outbox
        const timer = setTimeout(() => {
          this.outboxDirty = true;
          this.idlePoll = true;
          resolve();
        }, backoff);
        this.wake = () => {
          if (this.failing && this.running) return; // the backoff runs out first; stop() still ends it
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /**
   * One transaction: take the relay lock and the oldest rows (deleted, returned) in one statement,
   * publish them, COMMIT. A failed publish rolls the delete back, so the rows stay. Straight
   * through `pg` as a prepared statement: it runs after every commit of a busy service.
   */
  private async drainPostgres(): Promise<number> {
    if (this.idlePoll) {
      this.idlePoll = false;
      // every service polls 20 times a second when idle: the bare transaction was most of an idle service's CPU (bench idle)
      const first = await this.db.preparedQuery<{ id: string }>('opensts-outbox-first', FIRST_OUTBOX_ROW, []);
      if (first.length === 0) return 0;
    }
    return this.db.pgTransaction(async (query) => {
      const rows = await query<OutboxRow>('opensts-outbox-take', TAKE_OUTBOX_ROWS, [this.options.lockKey, this.batchSize]);
      if (rows.length === 0) return 0;
      rows.sort((a, b) => Number(a.id) - Number(b.id)); // RETURNING has no order of its own
      await this.publish(rows.map(toMessage));
      return rows.length;
    });
  }

  // One relay per process on SQLite, and in-process consumers may write to this very database,
  // so the batch is published outside the write queue and deleted afterwards. It is read inside
  // the queue: SQLite shares one connection, and a read beside an open transaction would see (and
  // publish) that transaction's rows before it committed — or after it rolled back.
  private async drainSqlite(): Promise<number> {
    if (!this.outboxDirty) return 0;
    this.outboxDirty = false;
    const rows = await this.db.writeSync(() => this.db.prepare('SELECT id, topic, message_key, envelope FROM outbox ORDER BY id LIMIT ?').all(this.batchSize) as OutboxRow[]);
    if (rows.length === 0) return 0;
    this.outboxDirty = true; // until a read comes back short
    await this.publish(rows.map(toMessage));
    const last = rows[rows.length - 1].id;
    await this.db.writeSync(() => this.db.prepare('DELETE FROM outbox WHERE id <= ?').run(last));
    return rows.length;
  }

  private async drainSource(source: RelaySource): Promise<number> {
    const batch = await source.next(this.batchSize);
    if (!batch || batch.messages.length === 0) return 0;
    await this.publish(batch.messages);
    await batch.published();
    return batch.messages.length;
  }

  private async publish(messages: OutgoingMessage[]): Promise<void> {
    await this.bus.publish(messages);
    this.metrics.record(messages);
  }
}

function toMessage(row: OutboxRow): OutgoingMessage {
  return { topic: row.topic, key: row.message_key, envelope: JSON.parse(row.envelope) as EventEnvelope };
}
