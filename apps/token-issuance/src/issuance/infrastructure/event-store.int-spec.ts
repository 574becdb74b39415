import { EventEnvelope, Topics } from '@opensts/sts-core/events';
import { KafkaEventBus, OutboxRelay } from '@opensts/platform';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from '../../../../../test/support/infra';
import { IssuanceStore, openIssuanceStore, postgresConfig } from '../../../test/issuance-store.harness';
import { ACCOUNT, ROLE, sessionIssued, stsKeyId } from '../../../test/issuance.fixtures';
import { RoleRevocationsDecider } from '../role-revocations.decider';
import { SessionDecider } from '../session.decider';
import { EventStore, VersionConflictError } from './event-store';

jest.setTimeout(120_000);

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`${EventStore.name} on PostgreSQL and Kafka`, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let url: string;
  let a: IssuanceStore;
  let b: IssuanceStore;

  beforeAll(async () => {
    await requireInfra();
    const db = await freshDatabase('issuance_store');
    url = db.url;
    cleanups.push(db.drop);
    // two instances of the service on one database
    a = await openIssuanceStore(postgresConfig(url));
    b = await openIssuanceStore(postgresConfig(url));
    cleanups.unshift(() => a.db.dataSource.destroy(), () => b.db.dataSource.destroy());
  });

  afterAll(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
  });

  it('lets exactly one of many concurrent appends at the same expected version win', async () => {
    const stream = `session-${stsKeyId()}`;
    const results = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).store.append({ streamId: stream, expectedVersion: 0, events: [sessionIssued()], aggregateType: 'Session' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof VersionConflictError)).toBe(true);
    expect((await a.store.readStream(stream)).version).toBe(1);
    expect(await a.db.manager.query('SELECT COUNT(*)::int AS n FROM outbox WHERE message_key = $1', [stream])).toEqual([{ n: 1 }]);
  });

  it('serialises concurrent commands on one stream through load, decide, append and retry: a gap-free history', async () => {
    const stream = `role-revocations-${ROLE.roleId}-${uniqueSuffix()}`;
    const role = { accountId: ACCOUNT, roleId: ROLE.roleId, arn: ROLE.arn };
    const base = Date.now() - 3_600_000;
    const cutoffs = Array.from({ length: 30 }, (_, i) => new Date(base + i * 1000));
    await Promise.all(
      cutoffs.map((issuedBefore, i) =>
        (i % 2 ? a : b).commands.handle(RoleRevocationsDecider, stream, { type: 'RevokeRoleSessions', data: { requestedRoleArn: ROLE.arn, role, issuedBefore, now: new Date() } }, {
          aggregateType: 'RoleRevocations',
          accountIdOf: () => ACCOUNT,
          maxAttempts: 50,
        }),
      ),
    );
    const rows: { version: number }[] = await a.db.manager.query('SELECT version FROM events WHERE stream_id = $1 ORDER BY version', [stream]);
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1));
    const { events } = await a.store.readStream(stream);
    // every appended cut-off moved forward: a decision made on a stale state never committed
    const cuts = events.map((e) => Date.parse((e.payload as { issuedBefore: string }).issuedBefore));
    expect(cuts).toEqual([...cuts].sort((x, y) => x - y));
    expect(new Set(cuts).size).toBe(cuts.length);
    expect(cuts[cuts.length - 1]).toBe(cutoffs[cutoffs.length - 1].getTime());
  });

  it('revokes a session once however many revocations race', async () => {
    const issued = sessionIssued();
    const id = (issued.payload as { accessKeyId: string }).accessKeyId;
    await a.store.append({ streamId: `session-${id}`, expectedVersion: 0, events: [issued], aggregateType: 'Session' });
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? a : b).commands.handle(SessionDecider, `session-${id}`, { type: 'RevokeSession', data: { accessKeyId: id, now: new Date() } }, { aggregateType: 'Session', accountIdOf: () => ACCOUNT }),
      ),
    );
    expect(outcomes.filter((o) => o.events.length === 1)).toHaveLength(1);
    expect((await a.store.readStream(`session-${id}`)).events.map((e) => e.type)).toEqual(['SessionIssued', 'SessionRevoked']);
  });

  it('publishes every committed event to Kafka through the outbox, with the stored event id, and empties the outbox', async () => {
    const namespace = `it-issuance-${uniqueSuffix()}.`;
    const producer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-issuance-producer', namespace });
    const consumer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-issuance-consumer', namespace });
    cleanups.unshift(() => producer.stop(), () => consumer.stop());
    await producer.start();
    const seen = new Map<string, EventEnvelope>();
    await consumer.subscribe({ group: 'it-observer', topics: [Topics.issuance, Topics.revocations], fromBeginning: true, handler: async (m) => void seen.set(m.envelope.eventId, m.envelope) });
    await consumer.start();
    await a.db.manager.query('DELETE FROM outbox');
    const relay = new OutboxRelay(a.db, producer, { lockKey: 8, idleMs: 20 });
    a.outbox.onCommit(() => relay.nudge());
    relay.start();
    cleanups.unshift(() => relay.stop());

    const appended = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).store.append({ streamId: `session-${stsKeyId()}`, expectedVersion: 0, events: [sessionIssued()], aggregateType: 'Session', accountId: ACCOUNT })));
    const ids = appended.flat().map((r) => r.envelope.eventId);
    await waitFor(() => ids.every((id) => seen.has(id)));
    const stored: { event_id: string; stream_id: string }[] = await a.db.manager.query('SELECT event_id, stream_id FROM events WHERE event_id = ANY($1)', [ids]);
    expect(stored).toHaveLength(200);
    for (const row of stored) expect(seen.get(row.event_id)).toMatchObject({ aggregateId: row.stream_id, aggregateVersion: 1, type: 'SessionIssued', accountId: ACCOUNT });
    await waitFor(async () => (await a.db.manager.query('SELECT COUNT(*)::int AS n FROM outbox'))[0].n === 0);
  });

  it('rebuilds the projections from the store to exactly the rows maintained live, under concurrent group commits', async () => {
    const ids = Array.from({ length: 120 }, () => stsKeyId());
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).store.append({ streamId: `session-${id}`, expectedVersion: 0, events: [sessionIssued({ accessKeyId: id, roleId: i % 3 ? ROLE.roleId : '77' })], aggregateType: 'Session' })));
    await Promise.all(ids.filter((_, i) => i % 5 === 0).map((id) => a.commands.handle(SessionDecider, `session-${id}`, { type: 'RevokeSession', data: { accessKeyId: id, now: new Date() } }, { aggregateType: 'Session', accountIdOf: () => ACCOUNT })));
    const live = await a.readModel.snapshot();
    expect(live.active_sessions.length).toBeGreaterThan(0);
    await a.db.transaction(async (m) => {
      for (const t of ['active_sessions', 'session_revocations', 'role_revocations']) await m.query(`DELETE FROM ${t}`);
    });
    await a.projection.rebuild(a.db, (after, limit, m) => a.store.readAll(after, limit, m), 97);
    expect(await a.readModel.snapshot()).toEqual(live);
  });
});
