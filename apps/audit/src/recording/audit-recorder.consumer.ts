import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { EventEnvelope, Topics } from '@opensts/sts-core/events';
import { Database, envelopeFor, EventBus, IdempotentConsumer, TransactionalOutbox } from '@opensts/platform';
import { toAuditRecord } from './audit-record.mapper';
import { AuditRecordEntity } from './audit-record.entity';

export const AUDITED_TOPICS = [Topics.identity, Topics.policy, Topics.issuance, Topics.gateway] as const;

/**
 * Turns every domain event into an audit record: stored (deduped by source event id) and
 * published on the audit topic in the same transaction, so the trail and the stream agree.
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
    await this.bus.subscribe({ group: 'opensts-audit', topics: AUDITED_TOPICS, fromBeginning: true, handler: async (m) => void (await this.record(m.envelope)) });
  }

  async record(env: EventEnvelope): Promise<boolean> {
    const record = toAuditRecord(env, uuidv7());
    // the inbox row and the audit row share one transaction with the outbox entry
    return this.outbox.run(async (m, emit) => {
      let applied = false;
      await this.inbox.applyWith(m, env, async () => {
        applied = true;
        await m.insert(AuditRecordEntity, {
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
        });
        emit(Topics.audit, { ...envelopeFor({ type: 'AuditRecorded', schemaVersion: 1, payload: record }, { aggregateType: 'AuditRecord', aggregateId: record.accountId ?? 'opensts', accountId: record.accountId }), requestId: record.requestId, traceparent: env.traceparent, tracestate: env.tracestate });
      });
      return applied;
    });
  }
}
