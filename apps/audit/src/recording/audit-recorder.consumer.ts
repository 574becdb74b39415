import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditRecordV1, EventEnvelope, Topics } from '@opensts/sts-core/events';
import { APP_CONFIG, AppConfig, Database, envelopeFor, EventBus } from '@opensts/platform';
import { toAuditRecord } from './audit-record.mapper';

export const AUDITED_TOPICS = [Topics.identity, Topics.policy, Topics.issuance, Topics.revocations, Topics.gateway] as const;

/**
 * Turns every domain event into an audit record: stored and, in distributed mode, published on
 * the versioned audit topic. The record's unique source event id is the consumer's inbox: a
 * redelivered event inserts nothing. A whole fetch is recorded at once: AssumeRole traffic makes
 * this a busy consumer.
 *
 * The stream is published after the insert commits and before the fetch's offsets are committed
 * (the bus commits them only when this handler succeeded), so the consumed topic is this
 * consumer's outbox (ADR 0003): a crash between the two redelivers the fetch, the insert is then
 * a no-op, and the whole fetch is published again, records already stored included. A record's
 * id, and so its AuditRecorded event id, comes from its source event, so a republished record is
 * the same message and stream consumers drop it by event id. This replaced an outbox row per
 * record (an insert, a select and a delete of the record again: ~0.1 ms of PostgreSQL and audit
 * CPU per AssumeRole, bench/RESULTS.md, gateway).
 */
@Injectable()
export class AuditRecorderConsumer implements OnModuleInit {
  /** The audit stream is a Kafka topic for external consumers; in one process nobody reads it. */
  private readonly publishStream: boolean;

  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(Database) private readonly db: Database,
    @Inject(APP_CONFIG) cfg: AppConfig,
  ) {
    this.publishStream = cfg.STS_MODE === 'distributed';
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe({
      group: 'opensts-audit',
      topics: AUDITED_TOPICS,
      fromBeginning: true,
      gatherMs: 100, // the trail may lag by this much (Kafka answers sooner once 256 KB wait); each batch (a fetch's messages of one partition) costs one insert and one produce, whatever its size
      batchHandler: async (messages) => void (await this.record(messages.map((m) => m.envelope))),
    });
  }

  /** Records the events not recorded before and publishes all of them; returns how many were new. */
  async record(envelopes: EventEnvelope[]): Promise<number> {
    const unique = [...new Map(envelopes.map((e) => [e.eventId, e])).values()].map((env) => ({ env, record: toAuditRecord(env, auditRecordIdFor(env)) }));
    const recorded = this.db.kind === 'sqlite' ? await this.db.writeSync(() => this.insertSqlite(unique.map((u) => u.record))) : await this.insertPostgres(unique.map((u) => u.record));
    if (this.publishStream) {
      await this.bus.publish(
        unique.map(({ env, record }) => ({ topic: Topics.audit, key: record.accountId ?? 'opensts', envelope: auditRecorded(env, record) })),
      );
    }
    return recorded;
  }

  /** Embedded mode: one prepared insert per record in one transaction. */
  private insertSqlite(records: AuditRecordV1[]): number {
    const insert = this.db.prepare(`INSERT INTO audit_records (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (source_event_id) DO NOTHING`);
    let recorded = 0;
    for (const record of records) recorded += insert.run(columnsOf(record)).changes;
    return recorded;
  }

  /** One prepared statement whatever the batch size (the columns as arrays, unnested); its own implicit transaction. */
  private async insertPostgres(records: AuditRecordV1[]): Promise<number> {
    const columns = records.map(columnsOf);
    const rows = await this.db.preparedQuery<{ n: string }>('opensts-insert-audit-records', INSERT_PG, COLUMNS.map((_, j) => columns.map((c) => c[j])));
    return Number(rows[0].n);
  }
}

/** AuditRecorded for a record: its event id is the record's id, the same each time the record is published. */
function auditRecorded(source: EventEnvelope, record: AuditRecordV1): EventEnvelope {
  const audit = envelopeFor({ type: 'AuditRecorded', schemaVersion: 1, payload: record }, { aggregateType: 'AuditRecord', aggregateId: record.accountId ?? 'opensts', accountId: record.accountId });
  return { ...audit, eventId: record.recordId, requestId: record.requestId, traceparent: source.traceparent, tracestate: source.tracestate };
}

/**
 * A record's id: a UUIDv7 whose time is the source event's and whose other bits are a digest of
 * the source event id. The same event always gets the same id (a redelivered event is the same
 * record, the same AuditRecorded), and ids still sort by time, so the primary-key index of a
 * busy table grows at its right edge.
 */
export function auditRecordIdFor(env: Pick<EventEnvelope, 'eventId' | 'occurredAt'>): string {
  const ms = Date.parse(env.occurredAt);
  const b = createHash('sha256').update(env.eventId).digest().subarray(0, 16);
  // 48 bits of milliseconds; a time beyond them (a producer's wrong clock) would throw and stall the partition
  b.writeUIntBE(Number.isFinite(ms) && ms > 0 && ms < 2 ** 48 ? ms : 0, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const COLUMNS = ['record_id', 'source_event_id', 'source_event_type', 'occurred_at', 'account_id', 'request_id', 'action', 'outcome', 'principal_arn', 'resource', 'error_code', 'record'];
const INSERT_PG =
  `WITH new AS (INSERT INTO audit_records (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMNS.map((c, j) => `$${j + 1}::${c === 'record' ? 'text' : 'varchar'}[]`).join(', ')}) ` +
  'ON CONFLICT (source_event_id) DO NOTHING RETURNING 1) SELECT count(*) AS n FROM new';

/**
 * The row of a record. Its searchable columns hold some strings as the caller sent them (a refused
 * AssumeRole's RoleArn) or as another service passed them on. A value PostgreSQL cannot store in
 * its column (a NUL; more characters than the column holds) would fail the insert of the whole
 * batch, again on every redelivery, and stop the trail: a NUL is stored as U+FFFD there, and a
 * value is cut to its column's length. The `record` column (JSON) keeps every value exactly.
 */
function columnsOf(r: AuditRecordV1): unknown[] {
  return [
    r.recordId, sourceEventKey(r.sourceEventId), storable(r.sourceEventType, 100), storable(r.occurredAt, 30), storable(r.accountId, 32), storable(r.requestId, 64),
    storable(r.action, 100), r.outcome, storable(r.principal?.arn, 300), storable(r.resource, 300), storable(r.errorCode, 100), JSON.stringify(r),
  ];
}

/**
 * The unique key of a source event (varchar(36)). Our producers' ids are UUIDs; a longer one, from
 * anything else that wrote to an audited topic, is kept by digest, still unique and the same on
 * every redelivery, instead of failing its batch on every delivery and stalling the partition.
 */
export function sourceEventKey(eventId: string): string {
  return eventId.length <= 36 && !eventId.includes('\0') ? eventId : `sha256:${createHash('sha256').update(eventId).digest('hex').slice(0, 29)}`;
}

/** `value` as a varchar(`length`) column can hold it (PostgreSQL counts code points, and refuses NUL). */
export function storable(value: string | undefined, length: number): string | null {
  if (value === undefined) return null;
  const clean = value.includes('\0') ? value.replace(/\0/g, '\uFFFD') : value;
  return clean.length <= length ? clean : Array.from(clean).slice(0, length).join('');
}
