import type { DomainEvent } from '@opensts/sts-core/events';
import { captureMetrics, type MetricCapture } from '../../../../test/support/metric-capture';
import { embeddedTestConfig, openTestDatabase } from '../../test/outbox-harness';
import { InProcessEventBus } from '../bus';
import { Database } from '../persistence';
import { envelopeFor } from './envelope.factory';
import { IdempotentConsumer } from './idempotent-consumer';
import { OutboxRelay } from './outbox-relay';
import { TransactionalOutbox } from './transactional-outbox';

const noted = (key: string): DomainEvent<'Noted', { key: string }> => ({ type: 'Noted', schemaVersion: 1, payload: { key } });

describe('outbox relay and idempotent consumer metrics (SQLite, in-process bus)', () => {
  let capture: MetricCapture;
  let db: Database;
  let bus: InProcessEventBus;
  let outbox: TransactionalOutbox;
  let relay: OutboxRelay;

  beforeAll(() => {
    capture = captureMetrics();
  });
  afterAll(() => capture.stop());

  beforeEach(async () => {
    db = await openTestDatabase(embeddedTestConfig());
    bus = new InProcessEventBus();
    outbox = new TransactionalOutbox(db);
    relay = new OutboxRelay(db, bus, { lockKey: 1 });
  });
  afterEach(() => db.dataSource.destroy());

  it('counts every event published, per topic, and how long after it occurred', async () => {
    await bus.start();
    for (let i = 0; i < 4; i++) await outbox.run(async (_m, emit) => emit('metrics.a', envelopeFor(noted(`a${i}`), { aggregateType: 'N', aggregateId: `a${i}` })));
    const old = { ...envelopeFor(noted('late'), { aggregateType: 'N', aggregateId: 'late' }), occurredAt: new Date(Date.now() - 3_000).toISOString() };
    await outbox.run(async (_m, emit) => emit('metrics.b', old));

    expect(await relay.drain()).toBe(5);

    expect(await capture.points('opensts.outbox.published')).toEqual(
      expect.arrayContaining([
        { attributes: { 'messaging.destination.name': 'metrics.a' }, value: 4 },
        { attributes: { 'messaging.destination.name': 'metrics.b' }, value: 1 },
      ]),
    );
    const lag = await capture.points('opensts.outbox.lag');
    expect(lag.find((p) => p.attributes['messaging.destination.name'] === 'metrics.a')?.value).toMatchObject({ count: 4, min: expect.any(Number) });
    const late = lag.find((p) => p.attributes['messaging.destination.name'] === 'metrics.b')?.value as { count: number; min: number };
    expect(late.count).toBe(1);
    expect(late.min).toBeGreaterThanOrEqual(3);
  });

  it('counts a redelivered event as a duplicate of the consumer that applied it, and its failed publication not at all', async () => {
    const inbox = new IdempotentConsumer(db, 'metrics-projection');
    await bus.subscribe({ group: 'projection', topics: ['metrics.c'], handler: async (m) => void (await inbox.apply(m.envelope, async () => undefined)) });
    let failures = 1;
    await bus.subscribe({
      group: 'flaky',
      topics: ['metrics.c'],
      handler: async () => {
        if (failures-- > 0) throw new Error('transient');
      },
    });
    await bus.start();
    await outbox.run(async (_m, emit) => emit('metrics.c', envelopeFor(noted('c'), { aggregateType: 'N', aggregateId: 'c' })));

    await expect(relay.drain()).rejects.toThrow('transient');
    expect(await relay.drain()).toBe(1); // the relay publishes it again, to both groups

    expect(await capture.points('opensts.inbox.events')).toEqual(
      expect.arrayContaining([
        { attributes: { 'opensts.consumer': 'metrics-projection', 'opensts.inbox.outcome': 'applied' }, value: 1 },
        { attributes: { 'opensts.consumer': 'metrics-projection', 'opensts.inbox.outcome': 'duplicate' }, value: 1 },
      ]),
    );
    expect((await capture.points('opensts.outbox.published')).find((p) => p.attributes['messaging.destination.name'] === 'metrics.c')?.value).toBe(1);
  });
});
