import type { IssuanceEvent } from '@opensts/sts-core/events';
import { embeddedConfig, IssuanceStore, openIssuanceStore } from '../../../test/issuance-store.harness';
import { ACCOUNT, ROLE, sessionIssued, stsKeyId } from '../../../test/issuance.fixtures';
import { EventStore, VersionConflictError } from './event-store';

const revoked = (accessKeyId: string): IssuanceEvent => ({
  type: 'SessionRevoked',
  schemaVersion: 1,
  payload: { accessKeyId, accountId: ACCOUNT, roleId: ROLE.roleId, roleArn: ROLE.arn, reason: 'test', revokedAt: new Date().toISOString() },
});

const outboxRows = async (s: IssuanceStore): Promise<number> => Number(((await s.db.manager.query('SELECT COUNT(*) AS n FROM outbox')) as { n: number }[])[0].n);

describe(`${EventStore.name} on SQLite`, () => {
  let s: IssuanceStore;
  let sut: EventStore;

  beforeEach(async () => {
    s = await openIssuanceStore(embeddedConfig());
    sut = s.store;
  });
  afterEach(() => s.db.dataSource.destroy());

  it('appends to a stream; the relay publishes the stored events from the events table, in order, without outbox copies', async () => {
    const issued = sessionIssued();
    const stream = `session-${(issued.payload as { accessKeyId: string }).accessKeyId}`;
    const [recorded] = await sut.append({ streamId: stream, expectedVersion: 0, events: [issued], aggregateType: 'Session', accountId: ACCOUNT });
    await sut.append({ streamId: stream, expectedVersion: 1, events: [revoked((issued.payload as { accessKeyId: string }).accessKeyId)], aggregateType: 'Session', accountId: ACCOUNT });

    expect(await sut.readStream(stream)).toEqual({ version: 2, events: [issued, expect.objectContaining({ type: 'SessionRevoked' })] });
    expect(await outboxRows(s)).toBe(0);
    const published = await s.published();
    expect(published.map((e) => [e.type, e.aggregateId, e.aggregateVersion, e.schemaVersion])).toEqual([
      ['SessionIssued', stream, 1, 2],
      ['SessionRevoked', stream, 2, 1],
    ]);
    expect(published[0].eventId).toBe(recorded.envelope.eventId);
    const [row] = await s.db.manager.query('SELECT event_id, position FROM events WHERE stream_id = ? AND version = 1', [stream]);
    expect(row.event_id).toBe(recorded.envelope.eventId);
  });

  it('refuses a stale expected version and leaves no trace of the refused append', async () => {
    const stream = 'session-STS.conflict';
    await sut.append({ streamId: stream, expectedVersion: 0, events: [sessionIssued()], aggregateType: 'Session' });
    const before = await s.published();
    await expect(sut.append({ streamId: stream, expectedVersion: 0, events: [sessionIssued()], aggregateType: 'Session' })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await sut.readStream(stream)).version).toBe(1);
    expect(await s.published()).toEqual(before);
    expect((await s.readModel.snapshot()).active_sessions).toHaveLength(1);
  });

  it('group-commits concurrent appends; a conflicting one fails alone', async () => {
    await sut.append({ streamId: 'session-STS.taken', expectedVersion: 0, events: [sessionIssued()], aggregateType: 'Session' });
    const appends = Array.from({ length: 40 }, (_, i) => ({ streamId: i === 17 ? 'session-STS.taken' : `session-STS.g${i}`, expectedVersion: 0, events: [sessionIssued()], aggregateType: 'Session' }));
    const results = await Promise.allSettled(appends.map((a) => sut.append(a)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(VersionConflictError)]);
    expect(results[17].status).toBe('rejected');
    expect(((await s.db.manager.query('SELECT COUNT(*) AS n FROM events')) as { n: number }[])[0].n).toBe(40);
    expect(await s.published()).toHaveLength(40);
  });

  it('reads a stored SessionIssued v1 upcast to the current version', async () => {
    const v2 = sessionIssued().payload as unknown as Record<string, unknown>;
    const { sessionPolicy: _p, durationSeconds: _d, ...v1 } = v2;
    await s.db.manager.query(
      'INSERT INTO events (stream_id, version, event_id, event_type, schema_version, payload, metadata, occurred_at) VALUES (?, 1, ?, ?, 1, ?, ?, ?)',
      ['session-STS.old', '01890000-0000-7000-8000-000000000001', 'SessionIssued', JSON.stringify(v1), '{}', new Date().toISOString()],
    );
    const { events } = await sut.readStream('session-STS.old');
    expect(events).toEqual([{ type: 'SessionIssued', schemaVersion: 2, payload: { ...v1, durationSeconds: 3600 } }]);
    expect((await sut.readAll('0', 10))[0].envelope).toMatchObject({ eventId: '01890000-0000-7000-8000-000000000001', schemaVersion: 2, aggregateVersion: 1 });
  });

  it('publishes a refusal through the outbox without putting it in the store', async () => {
    await sut.publish(
      { type: 'AssumeRoleRefused', schemaVersion: 1, payload: { roleArn: ROLE.arn, mechanism: 'AssumeRole', errorCode: 'NoPermission', caller: { type: 'RAMUser', arn: 'u' } } },
      { aggregateType: 'AssumeRoleAttempt', aggregateId: ROLE.arn, accountId: ACCOUNT },
    );
    expect(await outboxRows(s)).toBe(1);
    expect((await s.published()).map((e) => e.type)).toEqual(['AssumeRoleRefused']);
    expect(await outboxRows(s)).toBe(0);
    expect(await sut.readAll('0', 10)).toEqual([]);
  });

  it('keeps the projections in step and rebuilds them from the store alone to the same rows', async () => {
    const now = new Date();
    const ids = Array.from({ length: 6 }, () => stsKeyId());
    const early = new Date(now.getTime() - 120_000);
    for (const [i, id] of ids.entries()) {
      const otherRole = i === 5 ? { roleId: '999', roleArn: `acs:ram::${ACCOUNT}:role/other`, roleName: 'other' } : {};
      const policy = i === 1 ? { sessionPolicy: '{"Version":"1","Statement":[]}', hasSessionPolicy: true } : {};
      await sut.append({ streamId: `session-${id}`, expectedVersion: 0, events: [sessionIssued({ accessKeyId: id, ...otherRole, ...policy }, i < 3 ? early : now)], aggregateType: 'Session' });
    }
    await sut.append({ streamId: `session-${ids[3]}`, expectedVersion: 1, events: [revoked(ids[3])], aggregateType: 'Session' });
    const cut = new Date(now.getTime() - 60_000).toISOString();
    await sut.append({
      streamId: `role-revocations-${ROLE.roleId}`,
      expectedVersion: 0,
      events: [{ type: 'RoleSessionsRevoked', schemaVersion: 1, payload: { accountId: ACCOUNT, roleId: ROLE.roleId, roleArn: ROLE.arn, issuedBefore: cut, revokedAt: now.toISOString() } }],
      aggregateType: 'RoleRevocations',
    });

    const live = await s.readModel.snapshot();
    expect((live.active_sessions as { access_key_id: string }[]).map((r) => r.access_key_id)).toEqual([ids[4], ids[5]]);
    expect(live.session_revocations).toHaveLength(1);
    expect(live.role_revocations).toEqual([expect.objectContaining({ role_id: ROLE.roleId, issued_before: cut })]);

    await s.db.transaction(async (m) => {
      for (const t of ['active_sessions', 'session_revocations', 'role_revocations']) await m.query(`DELETE FROM ${t}`);
    });
    expect(await s.projection.rebuild(s.db, (after, limit, m) => sut.readAll(after, limit, m), 2)).toBe(8);
    expect(await s.readModel.snapshot()).toEqual(live);
  });
});
