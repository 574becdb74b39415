import RPCClient from '@alicloud/pop-core';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';

/**
 * The foundation's promise, across real processes: a domain event committed by one service
 * (identity-directory) crosses the real Kafka broker and is applied to another service's
 * PostgreSQL read model (audit), and a consumer killed with SIGKILL mid-stream and restarted
 * neither misses nor double-applies anything.
 */
describe('event delivery across processes (Kafka + PostgreSQL)', () => {
  let t: TestFleet;
  let ram: RPCClient;

  beforeAll(async () => {
    t = await createTestFleet('delivery', 3000);
    await t.fleet.start('identity-directory');
    await t.fleet.start('audit');
    await t.fleet.start('gateway');
    ram = new RPCClient({ accessKeyId: TEST_ROOT.accessKeyId, accessKeySecret: TEST_ROOT.accessKeySecret, endpoint: `http://127.0.0.1:${t.fleet.port('gateway', 'http')}`, apiVersion: '2015-05-01' });
    // the gateway learns the bootstrap root key from identity-directory's events
    await waitUntil(async () => ram.request('ListUsers', {}).then(() => true, () => false), 60_000, 200);
  });
  afterAll(() => t?.teardown());

  const auditedUsers = async () =>
    Number((await t.query('audit', "SELECT COUNT(*) AS n FROM audit_records WHERE source_event_type = 'UserCreated'"))[0].n);

  it('applies every UserCreated once to the audit read model across a kill -9 and restart of the consumer', async () => {
    const audit = t.fleet.processes.find((p) => p.options.service === 'audit')!;
    const create = (i: number) => ram.request('CreateUser', { UserName: `user-${i}` }, { method: 'POST' });

    for (let i = 0; i < 20; i++) await create(i);
    await waitUntil(async () => (await auditedUsers()) >= 5, 30_000);
    await audit.kill(); // SIGKILL: no graceful offset commit, no flush
    for (let i = 20; i < 60; i++) await create(i);
    await audit.start();

    await waitUntil(async () => (await auditedUsers()) >= 60, 60_000);
    await new Promise((r) => setTimeout(r, 2_000)); // a late redelivery would show up now
    const [{ n, distinct }] = await t.query('audit', "SELECT COUNT(*) AS n, COUNT(DISTINCT source_event_id) AS distinct FROM audit_records WHERE source_event_type = 'UserCreated'");
    expect(Number(n)).toBe(60);
    expect(Number(distinct)).toBe(60);
    const names = await t.query('audit', "SELECT resource FROM audit_records WHERE source_event_type = 'UserCreated'");
    expect(new Set(names.map((r) => String(r.resource).split('/').pop()))).toEqual(new Set([...Array(60)].map((_, i) => `user-${i}`)));
    // and the producer's outbox drained: every event was published
    expect(Number((await t.query('identity-directory', 'SELECT COUNT(*) AS n FROM outbox'))[0].n)).toBe(0);
  });
});
