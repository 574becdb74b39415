import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import type { IssuanceEvent, SessionIssuedV2 } from '@opensts/sts-core/events';
import { openstsMeter, recordsMetrics } from '@opensts/platform';

type Mechanism = SessionIssuedV2['mechanism'];

const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const SESSION_SCOPE: Attributes = { 'opensts.revocation.scope': 'session' };
const ROLE_SCOPE: Attributes = { 'opensts.revocation.scope': 'role' };
const MECHANISMS: Readonly<Record<Mechanism, Attributes>> = {
  AssumeRole: { 'acs.mechanism': 'AssumeRole' },
  AssumeRoleWithSAML: { 'acs.mechanism': 'AssumeRoleWithSAML' },
  AssumeRoleWithOIDC: { 'acs.mechanism': 'AssumeRoleWithOIDC' },
};

/**
 * What the session event store committed (docs/observability.md): sessions issued, revocations,
 * and how many writes each group commit took. Counted after the commit, from the events.
 */
export class EventStoreMetrics {
  private readonly issued: Counter;
  private readonly revocations: Counter;
  private readonly batchSize: Histogram;
  private readonly on: boolean;

  constructor(meter = openstsMeter()) {
    this.on = recordsMetrics(meter);
    this.issued = meter.createCounter('opensts.sessions.issued', { unit: '{session}', description: 'Sessions issued (SessionIssued committed).' });
    this.revocations = meter.createCounter('opensts.sessions.revocations', {
      unit: '{revocation}',
      description: 'Revocations committed: of one session, or of every session of a role issued before a cut-off.',
    });
    this.batchSize = meter.createHistogram('opensts.event_store.batch.size', {
      unit: '{write}',
      description: 'Stream appends and refusal records committed together by one group commit.',
      advice: { explicitBucketBoundaries: BATCH_BUCKETS },
    });
  }

  /** `writes`: the group's items (appends and refusal records); `recorded`: the events they appended. */
  committed(writes: number, recorded: readonly { readonly event: IssuanceEvent }[]): void {
    if (!this.on) return;
    this.batchSize.record(writes);
    for (const { event } of recorded) {
      switch (event.type) {
        case 'SessionIssued':
          this.issued.add(1, MECHANISMS[event.payload.mechanism]);
          break;
        case 'SessionRevoked':
          this.revocations.add(1, SESSION_SCOPE);
          break;
        case 'RoleSessionsRevoked':
          this.revocations.add(1, ROLE_SCOPE);
          break;
        case 'AssumeRoleRefused':
          break; // counted where it is decided (RefusalMetrics): its record may fail to commit
        default: {
          const never: never = event;
          return never;
        }
      }
    }
  }
}

/** `opensts.sessions.refused`: AssumeRole* calls the handler refused, by the code the caller got. */
export class RefusalMetrics {
  private readonly refused: Counter;

  constructor(meter = openstsMeter()) {
    this.refused = meter.createCounter('opensts.sessions.refused', { unit: '{request}', description: 'AssumeRole* requests refused by token-issuance (4xx), by error code.' });
  }

  record(mechanism: Mechanism, errorCode: string): void {
    this.refused.add(1, { 'acs.mechanism': mechanism, 'acs.error_code': errorCode });
  }
}
