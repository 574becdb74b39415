import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the audit trail; the same record is published on the versioned audit topic. */
@Entity({ name: 'audit_records' })
export class AuditRecordEntity {
  @PrimaryColumn({ name: 'record_id', type: 'varchar', length: 36 })
  recordId!: string;

  @Column({ name: 'source_event_id', type: 'varchar', length: 36, unique: true })
  sourceEventId!: string;

  @Column({ name: 'source_event_type', type: 'varchar', length: 100 })
  sourceEventType!: string;

  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 32, nullable: true })
  accountId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 10 })
  outcome!: string;

  @Column({ name: 'principal_arn', type: 'varchar', length: 300, nullable: true })
  principalArn!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  resource!: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 100, nullable: true })
  errorCode!: string | null;

  /** JSON of the record's non-secret detail. */
  @Column({ type: 'text' })
  record!: string;
}
