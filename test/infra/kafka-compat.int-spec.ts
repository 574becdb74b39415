import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Admin, Consumer, IHeaders, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { KAFKA_BROKERS, eventually } from './infra-defaults';

/**
 * Proves that kafkajs 2.2.4 (its last release) works against the broker pinned in
 * deploy/kafka/pom.xml: the evidence behind docs/adr/0002-kafka-broker-version.md.
 * Not reachable means failed, never skipped: every test needs the admin of beforeAll.
 */

// kafkajs' own table of the request versions it implements; kafkajs never checks the broker's
// minimum (it sends min(own max, broker max)), so that minimum is what a newer broker can break.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { requests } = require('kafkajs/src/protocol/requests') as { requests: Record<string, { versions: string[] }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiKeys = require('kafkajs/src/protocol/requests/apiKeys') as Record<string, number>;

/** The broker's ApiVersions (v0, which every broker keeps) as apiKey -> [min, max]. */
function brokerApiVersions(host: string, port: number): Promise<Map<number, [number, number]>> {
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('opensts-compat');
    const body = Buffer.alloc(10 + clientId.length);
    body.writeInt16BE(18, 0); // ApiVersions
    body.writeInt16BE(0, 2);
    body.writeInt32BE(1, 4); // correlation id
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);
    let received = Buffer.alloc(0);
    const socket = connect(port, host, () => socket.write(Buffer.concat([size, body])));
    socket.setTimeout(5_000, () => socket.destroy(new Error('ApiVersions timed out')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      socket.end();
      const errorCode = received.readInt16BE(8);
      if (errorCode !== 0) return reject(new Error(`ApiVersions error ${errorCode}`));
      const versions = new Map<number, [number, number]>();
      for (let i = 0, at = 14; i < received.readInt32BE(10); i++, at += 6) {
        versions.set(received.readInt16BE(at), [received.readInt16BE(at + 2), received.readInt16BE(at + 4)]);
      }
      resolve(versions);
    });
  });
}

const headerText = (headers: IHeaders | undefined, name: string): string | string[] | undefined => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map((v) => v.toString()) : value.toString();
};

describe('kafkajs 2.2.4 against the pinned Kafka broker', () => {
  const runId = randomUUID().slice(0, 8);
  const kafka = new Kafka({
    clientId: `opensts-compat-${runId}`,
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING, // failures surface as assertions; kafkajs logs retriable errors too
    connectionTimeout: 3_000,
    retry: { retries: 3 },
  });
  const topics: string[] = [];
  const consumers: Consumer[] = [];
  let admin: Admin;
  let connected = false;

  const newTopic = async (suffix: string): Promise<string> => {
    const topic = `compat.${runId}.${suffix}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    topics.push(topic);
    return topic;
  };

  /** A group member that records every message it is handed, committing what `accept` accepts. */
  const startMember = async (
    groupId: string,
    topic: string,
    seen: KafkaMessage[],
    accept: (message: KafkaMessage) => boolean = () => true,
    options: { readUncommitted?: boolean } = {},
  ): Promise<Consumer> => {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 100, ...options });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        if (!accept(message)) return;
        seen.push(message);
        await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    return consumer;
  };

  beforeAll(async () => {
    admin = kafka.admin();
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(`Kafka is not reachable at ${KAFKA_BROKERS.join(',')} (run \`npm run infra:up\`): ${(err as Error).message}`);
    }
    connected = true;
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    if (connected) {
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('is served every API it implements at a version both sides speak', async () => {
    const [host, port] = KAFKA_BROKERS[0].split(':');
    const broker = await brokerApiVersions(host, Number(port));
    const unusable: string[] = [];
    for (const [name, definition] of Object.entries(requests)) {
      if (definition.versions.length === 0) continue; // inter-broker APIs kafkajs never sends
      const implemented = Math.max(...definition.versions.map(Number));
      const served = broker.get(apiKeys[name]);
      if (!served) unusable.push(`${name}: not served`);
      else if (Math.min(implemented, served[1]) < served[0]) unusable.push(`${name}: kafkajs <= v${implemented}, broker >= v${served[0]}`);
    }
    expect(unusable).toEqual([]);
  });

  it('administers topics: create, list, describe, configs', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toHaveLength(1);
    expect(cluster.controller).toBe(cluster.brokers[0].nodeId);

    const topic = await newTopic('admin');
    expect(await admin.listTopics()).toContain(topic);
    const { topics: described } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(described[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(described[0].partitions.every((p) => p.leader === cluster.brokers[0].nodeId)).toBe(true);
    // Creating it again is a no-op kafkajs reports as false, not an error.
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(false);

    const configs = await admin.describeConfigs({ resources: [{ type: 2 /* TOPIC */, name: topic }], includeSynonyms: false });
    const cleanup = configs.resources[0].configEntries.find((e) => e.configName === 'cleanup.policy');
    expect(cleanup?.configValue).toBe('delete');
  });

  it('produces idempotently with acks=all, then a group resumes exactly from its committed offsets', async () => {
    const topic = await newTopic('group');
    const groupId = `compat.${runId}.group`;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    const batch = (label: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        key: `aggregate-${i % 7}`,
        value: `${label}-${i}`,
        headers: {
          'event-id': randomUUID(),
          traceparent: `00-${randomUUID().replace(/-/g, '')}-${'a'.repeat(16)}-01`,
          'x-binary': Buffer.from([0, 1, 2, 254, 255]),
          'x-multi': ['one', 'two'],
        },
      }));
    const first = batch('first', 30);
    const second = batch('second', 20);
    try {
      const acks = await producer.send({ topic, acks: -1, messages: first });
      expect(acks.every((r) => r.errorCode === 0)).toBe(true);

      // Member 1 accepts (and commits) only the first 12 messages it is handed, then leaves.
      const seenByFirst: KafkaMessage[] = [];
      const member1 = await startMember(groupId, topic, seenByFirst, () => seenByFirst.length < 12);
      await eventually(() => expect(seenByFirst).toHaveLength(12));
      await member1.disconnect();

      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committedTotal = committed[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      expect(committedTotal).toBe(12);

      await producer.send({ topic, acks: -1, messages: second });

      // Member 2 rejoins the same group and must get exactly the rest: nothing missed, nothing replayed.
      const seenBySecond: KafkaMessage[] = [];
      const member2 = await startMember(groupId, topic, seenBySecond);
      await eventually(() => expect(seenBySecond).toHaveLength(38));
      await new Promise((r) => setTimeout(r, 1_000)); // a replay would arrive in this window
      await member2.disconnect();

      const values = [...seenByFirst, ...seenBySecond].map((m) => m.value?.toString());
      expect(new Set(values).size).toBe(values.length);
      expect(values.sort()).toEqual([...first, ...second].map((m) => m.value).sort());

      const sent = new Map([...first, ...second].map((m) => [m.value, m]));
      for (const message of [...seenByFirst, ...seenBySecond]) {
        const original = sent.get(message.value!.toString())!;
        expect(message.key?.toString()).toBe(original.key);
        expect(headerText(message.headers, 'event-id')).toBe(original.headers['event-id']);
        expect(headerText(message.headers, 'traceparent')).toBe(original.headers.traceparent);
        expect(message.headers?.['x-binary']).toEqual(original.headers['x-binary']);
        expect(headerText(message.headers, 'x-multi')).toEqual(['one', 'two']);
      }

      const group = await admin.describeGroups([groupId]);
      expect(group.groups[0].state).toBe('Empty');
    } finally {
      await producer.disconnect();
    }
  });

  it('hides an aborted transaction from a read-committed consumer', async () => {
    const topic = await newTopic('txn');
    const producer = kafka.producer({ transactionalId: `compat.${runId}.tx`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ key: 'k', value: 'aborted' }] });
      await aborted.abort();
      const committed = await producer.transaction();
      await committed.send({ topic, messages: [{ key: 'k', value: 'committed' }] });
      await committed.commit();
    } finally {
      await producer.disconnect();
    }

    const seen: KafkaMessage[] = [];
    const consumer = await startMember(`compat.${runId}.txn`, topic, seen, () => true, { readUncommitted: false });
    await eventually(() => expect(seen).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 500));
    await consumer.disconnect();
    expect(seen.map((m) => m.value?.toString())).toEqual(['committed']);
  });
});
