import { EntityManager } from 'typeorm';
import { EventEnvelope, IssuanceEvent, issuanceSerde, SessionIssuedV2, issuanceTopicOf } from '@opensts/sts-core/events';
import { Database, envelopeFor, inSpan, TransactionalOutbox } from '@opensts/platform';
import { EventStoreMetrics } from '../issuance.metrics';
import { EventLogSource, LoggedMessage } from './event-log.source';
import { MicroBatcher } from './micro-batcher';
import { SessionProjection } from './session.projection';
import { placeholders } from './sql';

/** What the store hands back from a stream or from the global log. */
export interface RecordedEvent {
  readonly position?: string;
  readonly streamId: string;
  readonly version: number;
  readonly event: IssuanceEvent;
  readonly envelope: EventEnvelope;
}

export interface AppendToStream {
  readonly streamId: string;
  /** The stream's version the events were decided on (0 for a new stream). */
  readonly expectedVersion: number;
  readonly events: readonly IssuanceEvent[];
  readonly aggregateType: string;
  readonly accountId?: string;
}

export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';

  constructor(readonly streamId: string, readonly expectedVersion: number) {
    super(`stream ${streamId} moved past version ${expectedVersion}`);
  }
}

/** One unit of a group commit: a stream append, or an outbox-only message (a refusal). */
type Work = { kind: 'append'; append: AppendToStream; recorded: RecordedEvent[] } | { kind: 'publish'; envelope: EventEnvelope };

const COLUMNS = 'stream_id, version, event_id, event_type, schema_version, payload, metadata, occurred_at';
const ENVELOPE_ONLY = ['aggregateType', 'accountId', 'requestId', 'traceparent', 'tracestate'] as const;

/**
 * The append-only session event store in the service's own database. An append inserts the
 * events, updates the projections and writes the outbox in ONE transaction, so a committed
 * session is always published and never published uncommitted. On SQLite the events table is
 * itself the log the relay publishes (`log`, ADR 0003) and only refusals go through the outbox.
 * Concurrent appends are group-committed (MicroBatcher); the unique (stream_id, version) index
 * rejects a stale expected version.
 */
export class EventStore {
  /** SQLite: the log the service's OutboxRelay publishes (registered by the module). */
  readonly log?: EventLogSource;
  private readonly batcher: MicroBatcher<Work, void>;
  /** Wakes the outbox relay after a commit that did not go through TransactionalOutbox.run (`outbox`: it wrote outbox rows). */
  private readonly onCommitted: (outbox: boolean) => void;
  private readonly metrics = new EventStoreMetrics();

  constructor(
    private readonly db: Database,
    private readonly outbox: TransactionalOutbox,
    private readonly projection: SessionProjection,
    options: { maxBatch?: number; maxConcurrent?: number; onCommitted?: (outbox: boolean) => void } = {},
  ) {
    this.onCommitted = options.onCommitted ?? (() => undefined);
    if (db.kind === 'sqlite') this.log = new EventLogSource(db, (after, limit) => this.readLog(after, limit));
    // two commits in flight on PostgreSQL: one fills while the other flushes; more only shrinks
    // the groups, and every statement costs more than its rows (bench/RESULTS.md, assume-role-grpc)
    this.batcher = new MicroBatcher((items) => this.commit(items), {
      maxBatch: options.maxBatch ?? 256,
      maxConcurrent: options.maxConcurrent ?? (db.kind === 'postgres' ? 2 : 1),
    });
  }

  async readStream(streamId: string): Promise<{ version: number; events: IssuanceEvent[] }> {
    const rows: { version: number; event_type: string; schema_version: number; payload: string }[] = await this.db.manager.query(
      `SELECT version, event_type, schema_version, payload FROM events WHERE stream_id = ${placeholders(this.db.kind, 1)} ORDER BY version`,
      [streamId],
    );
    const events = rows.map((r) => issuanceSerde.deserialise({ type: r.event_type, schemaVersion: Number(r.schema_version), payload: JSON.parse(r.payload) }));
    return { version: rows.length === 0 ? 0 : Number(rows[rows.length - 1].version), events };
  }

  /** Resolves once the events are committed (and their outbox rows with them). */
  append(append: AppendToStream): Promise<RecordedEvent[]> {
    // envelopes are stamped here, in the caller's context: its RequestId and trace
    const recorded = append.events.map((event, i) => {
      const version = append.expectedVersion + i + 1;
      const envelope = envelopeFor(issuanceSerde.serialise(event), { aggregateType: append.aggregateType, aggregateId: append.streamId, aggregateVersion: version, accountId: append.accountId });
      return { streamId: append.streamId, version, event, envelope };
    });
    return inSpan('issuance.event-store.append', { attributes: { 'opensts.stream_id': append.streamId, 'opensts.events': recorded.length } }, () =>
      this.batcher.submit({ kind: 'append', append, recorded }).then(() => recorded),
    );
  }

  /** An event that is announced but not event-sourced (AssumeRoleRefused), through the same outbox. */
  publish(event: IssuanceEvent, ref: { aggregateType: string; aggregateId: string; accountId?: string }): Promise<EventEnvelope> {
    const envelope = envelopeFor(issuanceSerde.serialise(event), ref);
    return this.batcher.submit({ kind: 'publish', envelope }).then(() => envelope);
  }

  /** The global log in position order, from after `position` (projection rebuilds, tools). */
  async readAll(afterPosition: string, limit: number, manager: EntityManager = this.db.manager): Promise<RecordedEvent[]> {
    const [p1, p2] = [placeholders(this.db.kind, 1), placeholders(this.db.kind, 1, 1)];
    const rows: Row[] = await manager.query(`SELECT position, ${COLUMNS} FROM events WHERE position > ${p1} ORDER BY position LIMIT ${p2}`, [afterPosition, limit]);
    return rows.map(fromRow);
  }

  private async commit(items: Work[]): Promise<void[]> {
    const recorded = items.flatMap((w) => (w.kind === 'append' ? w.recorded : []));
    const envelopes = items.flatMap((w) => (w.kind === 'append' ? w.recorded.map((r) => r.envelope) : [w.envelope]));
    try {
      if (this.db.kind === 'sqlite') await this.commitSqlite(recorded, items.flatMap((w) => (w.kind === 'publish' ? [w.envelope] : [])));
      else if (recorded.every((r) => r.event.type === 'SessionIssued')) await this.commitAsOneStatement(recorded, envelopes);
      else await this.commitAsTransaction(recorded, envelopes);
    } catch (err) {
      const only = items.length === 1 ? items[0] : undefined;
      throw only?.kind === 'append' && isWriteConflict(err) ? new VersionConflictError(only.append.streamId, only.append.expectedVersion) : err;
    }
    this.metrics.committed(items.length, recorded);
    return items.map(() => undefined);
  }

  /**
   * SQLite: events, projections in log order and the outbox rows of refusals in one synchronous
   * transaction of prepared statements; then the events go to the relay's log from memory.
   */
  private async commitSqlite(recorded: RecordedEvent[], refusals: EventEnvelope[]): Promise<void> {
    const positions = await this.db.writeSync(() => {
      const insert = this.db.prepare(`INSERT INTO events (${COLUMNS}) VALUES (${placeholders('sqlite', 8)})`);
      const inserted = recorded.map((r) => Number(insert.run(toRow(r)).lastInsertRowid));
      this.projection.applySync(this.db, recorded);
      if (refusals.length > 0) {
        const outbox = this.db.prepare('INSERT INTO outbox (event_id, topic, message_key, envelope, created_at) VALUES (?, ?, ?, ?, ?)');
        const createdAt = new Date().toISOString();
        for (const e of refusals) outbox.run(e.eventId, issuanceTopicOf(e.type), e.aggregateId, JSON.stringify(e), createdAt);
      }
      return inserted;
    });
    this.log!.committed(recorded.map((r, i) => ({ position: positions[i], message: { topic: issuanceTopicOf(r.envelope.type), key: r.streamId, envelope: r.envelope } })));
    this.onCommitted(refusals.length > 0);
  }

  /** SQLite: the log after `position`, as the relay publishes it. */
  private readLog(position: number, limit: number): LoggedMessage[] {
    const rows = this.db.prepare(`SELECT position, ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).all(position, limit) as Row[];
    return rows.map(fromRow).map((r) => ({ position: Number(r.position), message: { topic: issuanceTopicOf(r.envelope.type), key: r.streamId, envelope: r.envelope } }));
  }

  /** The general path: events, projections in log order, outbox, one transaction. */
  private async commitAsTransaction(recorded: RecordedEvent[], envelopes: EventEnvelope[]): Promise<void> {
    await this.outbox.run(async (m, emit) => {
      if (recorded.length > 0) {
        await m.query(`INSERT INTO events (${COLUMNS}) VALUES ${rowsOf(this.db.kind, recorded.length)}`, recorded.flatMap(toRow));
        await this.projection.apply(m, recorded);
      }
      for (const envelope of envelopes) emit(issuanceTopicOf(envelope.type), envelope);
    });
  }

  /**
   * The hot path on PostgreSQL (issuances and refusals only): events, active sessions and outbox
   * rows in ONE statement (data-modifying CTEs), which is one implicit transaction and one round
   * trip instead of six. Outbox rows are exactly what `appendToOutbox` writes.
   */
  private async commitAsOneStatement(recorded: RecordedEvent[], envelopes: EventEnvelope[]): Promise<void> {
    const params: unknown[] = [];
    const parts: string[] = [];
    if (recorded.length > 0) {
      parts.push(`ev AS (INSERT INTO events (${COLUMNS}) VALUES ${rowsOf(this.db.kind, recorded.length)})`);
      params.push(...recorded.flatMap(toRow));
      const sessions = this.projection.insertSessions(
        recorded.map((r) => r.event.payload as SessionIssuedV2),
        params.length,
      );
      parts.push(`se AS (${sessions.sql})`);
      params.push(...sessions.params);
    }
    const createdAt = new Date().toISOString();
    const outboxRows = envelopes.map((_, i) => `(${placeholders(this.db.kind, 5, params.length + i * 5)})`).join(', ');
    params.push(...envelopes.flatMap((e) => [e.eventId, issuanceTopicOf(e.type), e.aggregateId, JSON.stringify(e), createdAt]));
    const insertOutbox = `INSERT INTO outbox (event_id, topic, message_key, envelope, created_at) VALUES ${outboxRows}`;
    // prepared once per connection and row counts (parsing and planning this CTE was a good part of its PostgreSQL CPU)
    await this.db.preparedQuery(undefined, parts.length > 0 ? `WITH ${parts.join(', ')} ${insertOutbox}` : insertOutbox, params);
    this.onCommitted(true);
  }
}

interface Row {
  position: string | number;
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  payload: string;
  metadata: string;
  occurred_at: string;
}

function toRow(r: RecordedEvent): unknown[] {
  const e = r.envelope;
  const metadata = Object.fromEntries(ENVELOPE_ONLY.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));
  return [r.streamId, r.version, e.eventId, e.type, e.schemaVersion, JSON.stringify(e.payload), JSON.stringify(metadata), e.occurredAt];
}

function fromRow(row: Row): RecordedEvent {
  const event = issuanceSerde.deserialise({ type: row.event_type, schemaVersion: Number(row.schema_version), payload: JSON.parse(row.payload) });
  const metadata = JSON.parse(row.metadata) as Pick<EventEnvelope, (typeof ENVELOPE_ONLY)[number]>;
  const envelope: EventEnvelope = {
    ...metadata,
    eventId: row.event_id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: row.occurred_at,
    aggregateId: row.stream_id,
    aggregateVersion: Number(row.version),
    payload: event.payload,
  };
  return { position: String(row.position), streamId: row.stream_id, version: Number(row.version), event, envelope };
}

const rowsOf = (kind: Database['kind'], n: number): string => Array.from({ length: n }, (_, i) => `(${placeholders(kind, 8, i * 8)})`).join(', ');

/** A unique violation (the stream moved on) or, on PostgreSQL, a deadlock between two group commits. */
export function isWriteConflict(err: unknown): boolean {
  const driver = (err as { driverError?: { code?: string } }).driverError ?? (err as { code?: string });
  const code = driver?.code ?? '';
  return code === '23505' || code === '40P01' || code.startsWith('SQLITE_CONSTRAINT');
}
