import { DomainEvent } from './envelope';

/**
 * The versioned audit stream (topic `Topics.audit`) that audit consumers read. One record per
 * domain event or API outcome, keyed by account. Never carries secrets, tokens or assertions.
 */
export interface AuditRecordV1 {
  recordId: string;
  /** Event that produced this record (dedupe key for consumers of the audit stream). */
  sourceEventId: string;
  sourceEventType: string;
  occurredAt: string;
  accountId?: string;
  requestId?: string;
  /** API-level action, e.g. `sts:AssumeRole`, `ram:CreateUser`. */
  action: string;
  outcome: 'Success' | 'Denied' | 'Failed';
  principal?: { type: string; arn?: string; accessKeyId?: string };
  resource?: string;
  errorCode?: string;
  /** Small, non-secret facts (role session name, expiration, policy name…). */
  detail?: Record<string, string | number | boolean>;
}

export type AuditEvent = DomainEvent<'AuditRecorded', AuditRecordV1>;
