/**
 * Kafka topic names, one per producing bounded context; documented in docs/adr/0003-events-outbox-and-topics.md.
 * The suffix is the envelope generation, not an event schema version (those live in each event).
 */
export const Topics = {
  identity: 'opensts.identity.events.v1',
  policy: 'opensts.policy.events.v1',
  issuance: 'opensts.issuance.events.v1',
  gateway: 'opensts.gateway.events.v1',
  audit: 'opensts.audit.records.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);
