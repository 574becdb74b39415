import { Topics, type EventEnvelope } from '@opensts/sts-core/events';
import { waitUntil } from '../../../../test/support/e2e-fleet';
import { INFRA, requireInfra, uniqueSuffix } from '../../../../test/support/infra';
import { envelopeFor } from '../outbox/envelope.factory';
import { KafkaEventBus } from './kafka-event-bus';

jest.setTimeout(120_000);

describe('KafkaEventBus on a real broker', () => {
  beforeAll(() => requireInfra());

  it('publishes in one call, in order, more of one key than one produce request may carry (Kafka refuses a record batch over 1 MB)', async () => {
    const namespace = `it-${uniqueSuffix()}.`;
    const padding = 'x'.repeat(1_000);
    // one key, so one partition: 3 000 × ~1.2 KB ≈ 3.6 MB, the backlog a consumer republishing a whole fetch may hold
    const envelopes = Array.from({ length: 3_000 }, (_, i) => envelopeFor({ type: 'Counted', schemaVersion: 1, payload: { i, padding } }, { aggregateType: 'C', aggregateId: 'one-key' }));
    const producer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-chunks', namespace });
    await producer.start();
    await producer.publish(envelopes.map((envelope) => ({ topic: Topics.audit, key: 'one-key', envelope })));
    await producer.stop();

    const seen: number[] = [];
    const consumer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-chunks-reader', namespace });
    let done!: () => void;
    const all = new Promise<void>((r) => (done = r));
    await consumer.subscribe({
      group: 'reader',
      topics: [Topics.audit],
      batchHandler: async (messages) => {
        seen.push(...messages.map((m) => ((m.envelope as EventEnvelope).payload as { i: number }).i));
        if (seen.length >= envelopes.length) done();
      },
    });
    await consumer.start();
    await all;
    await consumer.stop();
    expect(seen).toEqual(envelopes.map((_, i) => i));
  });

  it('delivers again what a handler failed on with a TypeError (kafkajs stops a consumer for good on one), and stays ready', async () => {
    const namespace = `it-${uniqueSuffix()}.`;
    const bus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-type-error', namespace });
    const attempts: number[] = [];
    let handled!: () => void;
    const done = new Promise<void>((r) => (handled = r));
    await bus.subscribe({
      group: 'fragile',
      topics: [Topics.audit],
      handler: async (m) => {
        const { i } = (m.envelope as EventEnvelope).payload as { i: number };
        attempts.push(i);
        if (attempts.length === 1) (undefined as unknown as { boom(): void }).boom(); // a handler's bug: a TypeError
        handled();
      },
    });
    await bus.start();
    await bus.publish([{ topic: Topics.audit, key: 'k', envelope: envelopeFor({ type: 'Counted', schemaVersion: 1, payload: { i: 7 } }, { aggregateType: 'C', aggregateId: 'k' }) }]);
    await done;
    expect(attempts).toEqual([7, 7]);
    expect(await bus.isReady()).toBe(true);
    await bus.stop();
  });

  it('is not ready until a group that must catch up has consumed what its topics held when it subscribed', async () => {
    const namespace = `it-${uniqueSuffix()}.`;
    const producer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-history', namespace });
    await producer.start();
    const history = Array.from({ length: 30 }, (_, i) => envelopeFor({ type: 'Counted', schemaVersion: 1, payload: { i } }, { aggregateType: 'C', aggregateId: `k${i % 3}` }));
    await producer.publish(history.map((envelope) => ({ topic: Topics.identity, key: envelope.aggregateId, envelope })));
    await producer.stop();

    // a new instance replays that history slowly: held until released
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen = 0;
    const bus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-catch-up', namespace });
    await bus.subscribe({ group: 'view-new', topics: [Topics.identity], fromBeginning: true, readyWhenCaughtUp: true, handler: async () => void (await held, seen++) });
    // and a group that need not catch up does not hold readiness back
    await bus.subscribe({ group: 'other', topics: [Topics.policy], handler: async () => undefined });
    await bus.start();
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await bus.isReady()).toBe(false);
      release();
      await waitUntil(() => bus.isReady(), 30_000, 200);
      expect(seen).toBe(history.length);
    } finally {
      release();
      await bus.stop();
    }
  });

  it('is ready at once when the topics of a group that must catch up are empty', async () => {
    const bus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'it-empty', namespace: `it-${uniqueSuffix()}.` });
    await bus.subscribe({ group: 'view-empty', topics: [Topics.identity], fromBeginning: true, readyWhenCaughtUp: true, handler: async () => undefined });
    await bus.start();
    try {
      expect(await bus.isReady()).toBe(true);
    } finally {
      await bus.stop();
    }
  });
});
