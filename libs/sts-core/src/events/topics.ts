/**
 * Kafka topic names, one per producing bounded context; documented in docs/adr/0003-events-outbox-and-topics.md.
 * The suffix is the envelope generation, not an event schema version (those live in each event).
 */
export const Topics = {
  identity: 'opensts.identity.events.v1',
  policy: 'opensts.policy.events.v1',
  issuance: 'opensts.issuance.events.v1',
  /** token-issuance's revocations: what every access view (gateway, token-issuance) follows. */
  revocations: 'opensts.issuance.revocations.v1',
  gateway: 'opensts.gateway.events.v1',
  audit: 'opensts.audit.records.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/**
 * Where an issuance event goes. Revocations have a topic of their own so that the access views of
 * every gateway and token-issuance instance fetch only them, not every SessionIssued (thousands a
 * second, read by audit alone): following the issuance topic cost those services ~8 % of their
 * CPU and the broker as much again in the AssumeRole benchmarks.
 */
export function issuanceTopicOf(eventType: string): Topic {
  return eventType === 'SessionRevoked' || eventType === 'RoleSessionsRevoked' ? Topics.revocations : Topics.issuance;
}
