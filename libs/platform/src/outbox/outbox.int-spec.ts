import { DomainEvent, EventEnvelope } from '@opensts/sts-core/events';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from '../../../../test/support/infra';
import { CounterEntity, CounterTable1764300000001 } from '../../test/outbox-harness';
import { KafkaEventBus } from '../bus';
import { dataSourceOptions, Database, openDataSource } from '../persistence';
import { loadConfig } from '../config';
import { envelopeFor } from './envelope.factory';
import { IdempotentConsumer } from './idempotent-consumer';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay';
import { PlatformTables1764300000000 } from './platform-tables.migration';
import { ProcessedEventEntity } from './processed-event.entity';
import { TransactionalOutbox } from './transactional-outbox';
import { Topics } from '@opensts/sts-core/events';

jest.setTimeout(120_000);

async function openPg(url: string): Promise<Database> {
  const cfg = loadConfig({ STS_MODE: 'distributed', DATABASE_URL_AUDIT: url });
  return new Database(
    await openDataSource(dataSourceOptions(cfg, { service: 'audit', entities: [OutboxMessageEntity, ProcessedEventEntity, CounterEntity], migrations: [PlatformTables1764300000000, CounterTable1764300000001] })),
  );
}

const counted = (key: string): DomainEvent<'Counted', { key: string }> => ({ type: 'Counted', schemaVersion: 1, payload: { key } });

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outbox -> Kafka -> idempotent consumer (real PostgreSQL and Kafka)', () => {
  const drops: (() => Promise<void>)[] = [];
  beforeAll(() => requireInfra());
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it('delivers every event exactly once into the read model across a consumer crash and restart', async () => {
    const [producerDb, consumerDb] = await Promise.all([freshDatabase('producer'), freshDatabase('consumer')]);
    drops.push(producerDb.drop, consumerDb.drop);
    const namespace = `it-${uniqueSuffix()}.`;
    const producer = await openPg(producerDb.url);
    const consumerStore = await openPg(consumerDb.url);
    const producerBus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-producer', namespace });
    await producerBus.start();
    const outbox = new TransactionalOutbox(producer);
    const relay = new OutboxRelay(producer, producerBus, { lockKey: 42, idleMs: 20 });
    outbox.onCommit(() => relay.nudge());
    relay.start();

    const inbox = new IdempotentConsumer(consumerStore, 'counter');
    const seen: string[] = [];
    const startConsumer = async () => {
      const bus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-consumer', namespace });
      await bus.subscribe({
        group: 'counter',
        topics: [Topics.audit],
        handler: async (m) => {
          seen.push(m.envelope.eventId);
          await inbox.apply(m.envelope as EventEnvelope, async (tx) => {
            const key = (m.envelope.payload as { key: string }).key;
            const row = await tx.findOneBy(CounterEntity, { key });
            await tx.save(CounterEntity, { key, applied: (row?.applied ?? 0) + 1 });
          });
        },
      });
      await bus.start();
      return bus;
    };
    const total = async () => ((await consumerStore.manager.query('SELECT COALESCE(SUM(applied),0) AS n FROM counter'))[0].n as string) ;

    let consumer = await startConsumer();
    const emit = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await outbox.run(async (_m, e) => e(Topics.audit, envelopeFor(counted(`k${i % 7}`), { aggregateType: 'Counter', aggregateId: `k${i % 7}` })));
      }
    };
    await emit(0, 100);
    await waitFor(async () => Number(await total()) >= 40);
    await consumer.stop(); // the consumer goes away mid-stream (uncommitted offsets are redelivered)
    await emit(100, 200);
    consumer = await startConsumer();
    await waitFor(async () => Number(await total()) === 200);
    await new Promise((r) => setTimeout(r, 1_500)); // nothing late arrives twice
    expect(Number(await total())).toBe(200);
    expect(Number((await consumerStore.manager.query('SELECT COUNT(*) AS n FROM processed_events'))[0].n)).toBe(200);
    expect(await producer.manager.count(OutboxMessageEntity)).toBe(0);
    expect(new Set(seen).size).toBe(200);

    await relay.stop();
    await consumer.stop();
    await producerBus.stop();
    await producer.dataSource.destroy();
    await consumerStore.dataSource.destroy();
  });

  describe('the relay on PostgreSQL', () => {
    /** A bus that records what it was given, or fails like a broker that is down. */
    class RecordingBus {
      published: string[] = [];
      down = false;
      gate?: Promise<void>;
      async publish(messages: readonly { envelope: EventEnvelope }[]): Promise<void> {
        await this.gate;
        if (this.down) throw new Error('KafkaJSConnectionError');
        this.published.push(...messages.map((m) => (m.envelope.payload as { key: string }).key));
      }
    }
    let db: Database;
    let outbox: TransactionalOutbox;
    beforeEach(async () => {
      const fresh = await freshDatabase('outbox_relay');
      drops.push(fresh.drop);
      db = await openPg(fresh.url);
      outbox = new TransactionalOutbox(db);
    });
    afterEach(() => db.dataSource.destroy());
    const write = (keys: string[]) => outbox.run(async (_m, emit) => keys.forEach((k) => emit(Topics.identity, envelopeFor(counted(k), { aggregateType: 'C', aggregateId: k }))));
    const rows = async () => Number((await db.manager.query('SELECT COUNT(*) AS n FROM outbox'))[0].n);

    it('publishes in commit order and keeps the rows when the bus refuses them', async () => {
      await write(['a', 'b']);
      await write(['c']);
      const bus = new RecordingBus();
      const relay = new OutboxRelay(db, bus as never, { lockKey: 7, batchSize: 2 });
      bus.down = true;
      await expect(relay.drain()).rejects.toThrow('KafkaJSConnectionError');
      expect(await rows()).toBe(3); // the delete rolled back with the failed publish
      bus.down = false;
      expect(await relay.drain()).toBe(3);
      expect(bus.published).toEqual(['a', 'b', 'c']);
      expect(await rows()).toBe(0);
    });

    it('looks at an idle outbox without a transaction, and still relays rows that no commit of its own announced', async () => {
      const bus = new RecordingBus();
      const relay = new OutboxRelay(db, bus as never, { lockKey: 9, idleMs: 20 });
      const transactions = jest.spyOn(db, 'pgTransaction');
      relay.start();
      await new Promise((r) => setTimeout(r, 300)); // ~15 idle polls
      const whileIdle = transactions.mock.calls.length;
      await write(['x']); // nobody nudges: as when another instance or an operator's tool wrote it
      for (let i = 0; i < 100 && bus.published.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await relay.stop();
      expect(whileIdle).toBe(1); // the drain at start only
      expect(bus.published).toEqual(['x']);
      expect(await rows()).toBe(0);
    });

    it('lets one relay of a database publish at a time: a second one takes nothing while the first holds the lock', async () => {
      await write(['a', 'b', 'c']);
      const [slow, other] = [new RecordingBus(), new RecordingBus()];
      let release!: () => void;
      slow.gate = new Promise((r) => (release = r));
      const first = new OutboxRelay(db, slow as never, { lockKey: 8 }).drain();
      await new Promise((r) => setTimeout(r, 200)); // the first relay has its rows and waits on its bus
      expect(await new OutboxRelay(db, other as never, { lockKey: 8 }).drain()).toBe(0);
      release();
      expect(await first).toBe(3);
      expect([slow.published, other.published]).toEqual([['a', 'b', 'c'], []]);
    });
  });
});
