/**
 * The floor's audit process (see floor-fleet.ts): a Kafka consumer that lets fetches gather
 * (64 KB / 25 ms), inserts each batch into PostgreSQL in one statement, produces one record per
 * event to the audit topic and only then resolves the batch's offsets. No OpenSTS code. Prints
 * `READY 0` once its group has joined.
 */
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { env } from './floor-common';

const pool = new Pool({ connectionString: env('FLOOR_PG_URL'), max: 4 });
const kafka = new Kafka({ clientId: 'floor-audit', brokers: env('FLOOR_KAFKA').split(','), logLevel: logLevel.NOTHING });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const consumer = kafka.consumer({ groupId: `${env('FLOOR_TOPIC_EVENTS')}.audit`, minBytes: 64 * 1024, maxWaitTimeInMs: 25, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
const INSERT =
  'INSERT INTO audit_records (event_id, event_type, occurred_at, aggregate_id, record) ' +
  'SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING';

async function main(): Promise<void> {
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: env('FLOOR_TOPIC_EVENTS'), fromBeginning: true });
  consumer.on(consumer.events.GROUP_JOIN, () => process.stdout.write('READY 0\n'));
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 500,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const events = batch.messages.map((m) => JSON.parse(m.value!.toString()) as { eventId: string; type: string; occurredAt: string; aggregateId: string; payload: object });
      if (events.length > 0) {
        const records = events.map((e) => JSON.stringify({ id: e.eventId, eventType: e.type, eventTime: e.occurredAt, resource: e.aggregateId, detail: e.payload }));
        await pool.query({ name: 'insert', text: INSERT, values: [events.map((e) => e.eventId), events.map((e) => e.type), events.map((e) => e.occurredAt), events.map((e) => e.aggregateId), records] });
        await producer.send({ topic: env('FLOOR_TOPIC_AUDIT'), acks: -1, messages: records.map((r, i) => ({ key: events[i].aggregateId, value: r })) });
      }
      if (batch.messages.length > 0) resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
}

void main();
