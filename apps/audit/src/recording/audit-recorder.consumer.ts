import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { EventEnvelope, Topics } from '@opensts/sts-core/events';
import { Database, envelopeFor, EventBus, IdempotentConsumer, TransactionalOutbox } from '@opensts/platform';
import { toAuditRecord } from './audit-record.mapper';
import { AuditRecordEntity } from './audit-record.entity';

export const AUDITED_TOPICS = [Topics.identity, Topics.policy, Topics.issuance, Topics.gateway] as const;
const INSERT_CHUNK = 200;

/**
 * Turns every domain event into an audit record: stored (deduped by source event id) and
 * published on the audit topic in the same transaction, so the trail and the stream agree.
 * A whole fetch is recorded in one transaction: AssumeRole traffic makes this a busy consumer.
 */
@Injectable()
export class AuditRecorderConsumer implements OnModuleInit {
  private readonly inbox: IdempotentConsumer;

  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(Database) db: Database,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {
    this.inbox = new IdempotentConsumer(db, 'audit-recorder');
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
    return this.outbox.run(async (m, emit) => {
      const fresh = await this.inbox.claim(m, envelopes);
      const records = fresh.map((env) => ({ env, record: toAuditRecord(env, uuidv7()) }));
      for (let i = 0; i < records.length; i += INSERT_CHUNK) {
        await m.insert(
          AuditRecordEntity,
          records.slice(i, i + INSERT_CHUNK).map(({ record }) => ({
            recordId: record.recordId,
            sourceEventId: record.sourceEventId,
            sourceEventType: record.sourceEventType,
            occurredAt: record.occurredAt,
            accountId: record.accountId ?? null,
            requestId: record.requestId ?? null,
            action: record.action,
            outcome: record.outcome,
            principalArn: record.principal?.arn ?? null,
            resource: record.resource ?? null,
            errorCode: record.errorCode ?? null,
            record: JSON.stringify(record),
          })),
        );
      }
      for (const { env, record } of records) {
        const audit = envelopeFor({ type: 'AuditRecorded', schemaVersion: 1, payload: record }, { aggregateType: 'AuditRecord', aggregateId: record.accountId ?? 'opensts', accountId: record.accountId });
        emit(Topics.audit, { ...audit, requestId: record.requestId, traceparent: env.traceparent, tracestate: env.tracestate });
      }
      return fresh.length;
    });
  }
}
