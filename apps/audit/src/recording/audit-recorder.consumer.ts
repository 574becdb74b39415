import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AuditRecordV1, EventEnvelope, Topics } from '@opensts/sts-core/events';
import { APP_CONFIG, AppConfig, envelopeFor, EventBus, TransactionalOutbox } from '@opensts/platform';
import { toAuditRecord } from './audit-record.mapper';
import { EntityManager } from 'typeorm';

export const AUDITED_TOPICS = [Topics.identity, Topics.policy, Topics.issuance, Topics.revocations, Topics.gateway] as const;
const INSERT_CHUNK = 200;

/**
 * Turns every domain event into an audit record: stored and, in distributed mode, published on
 * the versioned audit topic in the same transaction, so the trail and the stream agree. The
 * record's unique source event id is the consumer's inbox: a redelivered event inserts nothing.
 * A whole fetch is recorded in one transaction: AssumeRole traffic makes this a busy consumer.
 */
@Injectable()
export class AuditRecorderConsumer implements OnModuleInit {
  /** The audit stream is a Kafka topic for external consumers; in one process nobody reads it. */
  private readonly publishStream: boolean;
  private readonly pg: boolean;

  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(APP_CONFIG) cfg: AppConfig,
  ) {
    this.publishStream = cfg.STS_MODE === 'distributed';
    this.pg = cfg.STS_MODE === 'distributed';
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe({
      group: 'opensts-audit',
      topics: AUDITED_TOPICS,
      fromBeginning: true,
      batchHandler: async (messages) => void (await this.record(messages.map((m) => m.envelope))),
    });
  }

  /** Records the events not recorded before; returns how many were new. */
  async record(envelopes: EventEnvelope[]): Promise<number> {
    const unique = [...new Map(envelopes.map((e) => [e.eventId, e])).values()];
    if (!this.publishStream && this.outbox.db.kind === 'sqlite') return this.outbox.db.writeSync(() => this.insertSqlite(unique));
    return this.outbox.run(async (m, emit) => {
      const recorded: { env: EventEnvelope; record: AuditRecordV1 }[] = [];
      for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
        const chunk = unique.slice(i, i + INSERT_CHUNK).map((env) => ({ env, record: toAuditRecord(env, uuidv7()) }));
        const inserted = await insertNew(m, this.pg, chunk.map(({ record }) => record));
        recorded.push(...chunk.filter(({ env }) => inserted.has(env.eventId)));
      }
      if (this.publishStream) {
        for (const { env, record } of recorded) {
          const audit = envelopeFor({ type: 'AuditRecorded', schemaVersion: 1, payload: record }, { aggregateType: 'AuditRecord', aggregateId: record.accountId ?? 'opensts', accountId: record.accountId });
          emit(Topics.audit, { ...audit, requestId: record.requestId, traceparent: env.traceparent, tracestate: env.tracestate });
        }
      }
      return recorded.length;
    });
  }

  /** Embedded mode (nothing to publish): one prepared insert per record in one transaction. */
  private insertSqlite(envelopes: EventEnvelope[]): number {
    const insert = this.outbox.db.prepare(`INSERT INTO audit_records (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (source_event_id) DO NOTHING`);
    let recorded = 0;
    for (const env of envelopes) recorded += insert.run(columnsOf(toAuditRecord(env, uuidv7()))).changes;
    return recorded;
  }
}

const COLUMNS = ['record_id', 'source_event_id', 'source_event_type', 'occurred_at', 'account_id', 'request_id', 'action', 'outcome', 'principal_arn', 'resource', 'error_code', 'record'];

/** Multi-row insert that skips records already stored (unique source_event_id); returns the new source ids. */
async function insertNew(m: EntityManager, pg: boolean, records: AuditRecordV1[]): Promise<Set<string>> {
  const n = COLUMNS.length;
  const values = records.map((_, i) => `(${COLUMNS.map((__, j) => (pg ? `$${i * n + j + 1}` : '?')).join(', ')})`).join(', ');
  const params = records.flatMap(columnsOf);
  const rows: { source_event_id: string }[] = await m.query(
    `INSERT INTO audit_records (${COLUMNS.join(', ')}) VALUES ${values} ON CONFLICT (source_event_id) DO NOTHING RETURNING source_event_id`,
    params,
  );
  return new Set(rows.map((r) => r.source_event_id));
}

function columnsOf(r: AuditRecordV1): unknown[] {
  return [
    r.recordId, r.sourceEventId, r.sourceEventType, r.occurredAt, r.accountId ?? null, r.requestId ?? null,
    r.action, r.outcome, r.principal?.arn ?? null, r.resource ?? null, r.errorCode ?? null, JSON.stringify(r),
  ];
}
