import type { EventEnvelope } from '@opensts/sts-core/events';

/** What one event does to the access view: upsert or tombstone one keyed record. */
export type ViewKind =
  | 'account'
  | 'access-key'
  | 'user'
  | 'role'
  | 'policy'
  | 'attachment'
  | 'saml-provider'
  | 'oidc-provider'
  | 'revoked-session'
  | 'role-revocation';

export interface ViewChange {
  kind: ViewKind;
  key: string;
  accountId?: string;
  /** New state of the record; absent for a tombstone. */
  data?: Record<string, unknown>;
}

/**
 * Orders changes of one record: the producer's entity version when it sets one (> 0), else the
 * event id (UUIDv7, time-ordered). A replayed or late older event never overwrites newer state.
 * Versions only order events of one aggregate: records keyed by name (policies, attachments,
 * identity providers) outlive theirs, and a policy deleted and re-created under the same name is
 * a new aggregate counting from 1 again, so across aggregates the event id decides.
 */
export interface ChangeMarker {
  aggregateVersion: number;
  eventId: string;
  /**
   * Absent on records stored before it was kept: then the event id decides. Taking them for the
   * same aggregate hid a policy or provider re-created under a deleted one's name until its version
   * passed the old record's.
   */
  aggregateId?: string;
}

export const markerOf = (env: EventEnvelope): ChangeMarker => ({ aggregateVersion: env.aggregateVersion, eventId: env.eventId, aggregateId: env.aggregateId });

export function isNewer(candidate: ChangeMarker, current: ChangeMarker | undefined): boolean {
  if (!current) return true;
  const sameAggregate = candidate.aggregateId !== undefined && candidate.aggregateId === current.aggregateId;
  if (sameAggregate && candidate.aggregateVersion > 0 && current.aggregateVersion > 0 && candidate.aggregateVersion !== current.aggregateVersion) {
    return candidate.aggregateVersion > current.aggregateVersion;
  }
  return candidate.eventId > current.eventId;
}
