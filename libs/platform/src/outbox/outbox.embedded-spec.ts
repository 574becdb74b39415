import { DomainEvent, EventEnvelope } from '@opensts/sts-core/events';
import { InProcessEventBus } from '../bus';
import { CounterEntity, embeddedTestConfig, openTestDatabase } from '../../test/outbox-harness';
import { Database } from '../persistence';
import { envelopeFor } from './envelope.factory';
import { IdempotentConsumer } from './idempotent-consumer';
import { OutboxRelay } from './outbox-relay';
import { appendToOutbox, TransactionalOutbox } from './transactional-outbox';

const counted = (key: string): DomainEvent<'Counted', { key: string }> => ({ type: 'Counted', schemaVersion: 1, payload: { key } });

async function applyCount(db: Database, consumer: IdempotentConsumer, env: EventEnvelope): Promise<void> {
  const key = (env.payload as { key: string }).key;
  await consumer.apply(env, async (m) => {
    const row = await m.findOneBy(CounterEntity, { key });
    await m.save(CounterEntity, { key, applied: (row?.applied ?? 0) + 1 });
  });
}

describe('transactional outbox on SQLite with the in-process bus', () => {
  let db: Database;
  let bus: InProcessEventBus;
  let outbox: TransactionalOutbox;
  let relay: OutboxRelay;
  let consumer: IdempotentConsumer;

  beforeEach(async () => {
    db = await openTestDatabase(embeddedTestConfig());
    bus = new InProcessEventBus();
    outbox = new TransactionalOutbox(db);
    relay = new OutboxRelay(db, bus, { lockKey: 1 });
    consumer = new IdempotentConsumer(db, 'counter-projection');
    await bus.subscribe({ group: 'counter', topics: ['t'], handler: (m) => applyCount(db, consumer, m.envelope) });
    await bus.start();
  });

  afterEach(() => db.dataSource.destroy());

  it('publishes events written in a committed transaction and applies each once', async () => {
    for (let i = 0; i < 25; i++) {
      await outbox.run(async (_m, emit) => emit('t', envelopeFor(counted(`k${i % 5}`), { aggregateType: 'C', aggregateId: `k${i % 5}` })));
    }
    expect(await relay.drain()).toBe(25);
    const rows = await db.manager.find(CounterEntity);
    expect(rows.map((r) => r.applied).reduce((a, b) => a + b, 0)).toBe(25);
    expect(await db.manager.count('outbox')).toBe(0);
  });

  it('publishes nothing from a transaction that rolled back', async () => {
    await expect(
      outbox.run(async (_m, emit) => {
        emit('t', envelopeFor(counted('x'), { aggregateType: 'C', aggregateId: 'x' }));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await relay.drain()).toBe(0);
  });

  it('does not publish the outbox row of a transaction still in flight, which may yet roll back', async () => {
    const published: string[] = [];
    await bus.subscribe({ group: 'watch', topics: ['t'], handler: async (m) => void published.push((m.envelope.payload as { key: string }).key) });
    let release!: () => void;
    let appended!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const written = new Promise<void>((resolve) => (appended = resolve));
    const doomed = db.transaction(async (m) => {
      await appendToOutbox(m, [{ topic: 't', envelope: envelopeFor(counted('doomed'), { aggregateType: 'C', aggregateId: 'doomed' }) }]);
      appended();
      await gate; // e.g. more statements of the same unit of work; SQLite shares one connection
      throw new Error('rollback');
    });
    await written;
    const drained = relay.drain();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(doomed).rejects.toThrow('rollback');
    expect(await drained).toBe(0);
    expect(published).toEqual([]);
    expect(await db.manager.count(CounterEntity)).toBe(0);
  });

  it('keeps the message when a consumer fails and applies it exactly once after redelivery', async () => {
    let failures = 1;
    await bus.subscribe({
      group: 'flaky',
      topics: ['t'],
      handler: async () => {
        if (failures-- > 0) throw new Error('transient');
      },
    });
    await outbox.run(async (_m, emit) => emit('t', envelopeFor(counted('k'), { aggregateType: 'C', aggregateId: 'k' })));
    await expect(relay.drain()).rejects.toThrow('transient');
    expect(await relay.drain()).toBe(1); // redelivered to both groups; the counter dedupes
    expect((await db.manager.findOneByOrFail(CounterEntity, { key: 'k' })).applied).toBe(1);
  });

  it('publishes the commits of a few milliseconds in one batch when gathering, and each commit at once when not', async () => {
    const batchSizes = async (gatherMs: number) => {
      const sizes: number[] = [];
      const spy = { publish: async (messages: readonly unknown[]) => void sizes.push(messages.length) };
      const sut = new OutboxRelay(db, spy as never, { lockKey: 2, gatherMs, idleMs: 10_000 });
      outbox.onCommit(() => sut.nudge());
      sut.start();
      await new Promise((r) => setTimeout(r, 20)); // the first drain (an empty outbox) is behind it
      for (let i = 0; i < 5; i++) {
        await outbox.run(async (_m, emit) => emit('t', envelopeFor(counted(`g${i}`), { aggregateType: 'C', aggregateId: `g${i}` })));
        await new Promise((r) => setImmediate(r)); // what a request handler yields between commits
      }
      await new Promise((r) => setTimeout(r, gatherMs + 50));
      await sut.stop();
      return sizes;
    };
    expect(await batchSizes(0)).toEqual([1, 1, 1, 1, 1]);
    expect(await batchSizes(30)).toEqual([5]);
  });

  it('drains again at once when a commit lands while it is draining, instead of waiting for its idle poll', async () => {
    const published: string[] = [];
    const bus = { publish: async (messages: readonly { envelope: EventEnvelope }[]) => void published.push(...messages.map((m) => (m.envelope.payload as { key: string }).key)) };
    const sut = new OutboxRelay(db, bus as never, { lockKey: 3, idleMs: 60_000 });
    let release!: () => void;
    const slowRead = new Promise<void>((r) => (release = r));
    sut.addSource({ next: async () => void (await slowRead) }); // another log, slow to read and empty
    outbox.onCommit(() => sut.nudge());
    sut.start(); // its first drain finds the outbox empty and waits on the slow log…
    await new Promise((r) => setTimeout(r, 20));
    await outbox.run(async (_m, emit) => emit('t', envelopeFor(counted('b'), { aggregateType: 'C', aggregateId: 'b' }))); // …when this commit wakes it
    release();
    await new Promise((r) => setTimeout(r, 100)); // far less than the idle poll
    await sut.stop();
    expect(published).toEqual(['b']);
  });

  it('keeps to its backoff after a failed publish, whatever commits happen meanwhile', async () => {
    let attempts = 0;
    const down = { publish: async () => void (attempts++, await Promise.reject(new Error('broker down'))) };
    const sut = new OutboxRelay(db, down as never, { lockKey: 4, idleMs: 200 });
    outbox.onCommit(() => sut.nudge());
    const started = performance.now();
    sut.start();
    for (let i = 0; i < 20; i++) {
      await outbox.run(async (_m, emit) => emit('t', envelopeFor(counted(`d${i}`), { aggregateType: 'C', aggregateId: `d${i}` })));
      await new Promise((r) => setTimeout(r, 10));
    }
    await sut.stop();
    // retry n comes 400 + 800 + … = 400 × (2ⁿ − 1) ms after the first try at the earliest (50 ms for timer rounding)
    const retriesDue = Math.floor(Math.log2((performance.now() - started + 50) / 400 + 1));
    expect(attempts).toBeGreaterThanOrEqual(1); // the first commit woke it
    expect(attempts).toBeLessThanOrEqual(1 + retriesDue); // the other commits did not cut the backoff short
  });
});
