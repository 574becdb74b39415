/**
 * Stream ids, built in one place. One stream per session (its temporary AccessKeyId is the id),
 * so issuing appends to a brand-new stream and never contends; one stream per role for role-wide
 * revocation, which issuing never reads or writes (docs/adr/0008-session-aggregate-boundaries.md).
 */
export const SESSION_STREAM_PREFIX = 'session-';
export const ROLE_REVOCATIONS_STREAM_PREFIX = 'role-revocations-';

export const sessionStreamId = (accessKeyId: string): string => `${SESSION_STREAM_PREFIX}${accessKeyId}`;
export const roleRevocationsStreamId = (roleId: string): string => `${ROLE_REVOCATIONS_STREAM_PREFIX}${roleId}`;

export const AggregateTypes = { session: 'Session', roleRevocations: 'RoleRevocations' } as const;
