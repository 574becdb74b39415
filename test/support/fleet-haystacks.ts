import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { Client } from 'pg';
import type { ServiceName } from '@opensts/platform';
import type { TestFleet } from './e2e-fleet';
import { INFRA, uniqueSuffix } from './infra';

/** Everything a fleet wrote, by place (`log:<instance>`, `db:<service>.<table>`, `kafka:<topic>`), as text to search. */
export type Haystacks = Record<string, string>;

const text = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Each process's captured stdout and stderr (read after the processes stopped, so nothing is left in a buffer). */
export function fleetLogs(t: TestFleet): Haystacks {
  return Object.fromEntries(t.fleet.processes.map((p) => [`log:${p.options.instance}`, readFileSync(p.logFile, 'utf8')]));
}

/** Every column of every row of every table of every service database (binary columns decoded as UTF-8). */
export async function fleetDatabases(t: TestFleet, services: readonly ServiceName[]): Promise<Haystacks> {
  const out: Haystacks = {};
  for (const service of services) {
    const c = new Client({ connectionString: t.databaseUrl(service) });
    await c.connect();
    try {
      const tables = await c.query("SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')");
      for (const { table_schema, table_name } of tables.rows as { table_schema: string; table_name: string }[]) {
        const rows = (await c.query(`SELECT * FROM "${table_schema}"."${table_name}"`)).rows as Record<string, unknown>[];
        out[`db:${service}.${table_name}`] = rows.map((r) => Object.values(r).map(text).join('\t')).join('\n');
      }
    } finally {
      await c.end();
    }
  }
  return out;
}

const kafkaClient = (role: string): Kafka => new Kafka({ brokers: INFRA.kafkaBrokers, clientId: `e2e-${role}-${uniqueSuffix()}`, logLevel: logLevel.NOTHING });

/**
 * Hands every message of `topics` to `onMessage`, from the beginning up to each partition's high
 * watermark as it stood when called: a slow fetch delays the read, it never ends it early.
 */
export async function readTopicsToEnd(topics: readonly string[], onMessage: (topic: string, message: KafkaMessage) => void, timeoutMs = 30_000): Promise<void> {
  const kafka = kafkaClient('topic-reader');
  const admin = kafka.admin();
  await admin.connect();
  const pending = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) pending.set(`${topic}/${p.partition}`, BigInt(p.high));
    }
  } finally {
    await admin.disconnect();
  }
  if (pending.size === 0) return;
  const consumer = kafka.consumer({ groupId: `e2e-topic-reader-${uniqueSuffix()}` });
  await consumer.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    let done!: () => void;
    const drained = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = `${topic}/${partition}`;
        const high = pending.get(key);
        if (high === undefined || BigInt(message.offset) >= high) return; // written after the call: not ours to read
        onMessage(topic, message);
        if (BigInt(message.offset) + 1n >= high) pending.delete(key);
        if (pending.size === 0) done();
      },
    });
    await Promise.race([drained, new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`topics not read to the end: ${[...pending.keys()].join(', ')}`)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/** Every message (key, value, headers) of every topic of the fleet's Kafka namespace, read from the beginning up to the high watermark. */
export async function fleetTopics(t: TestFleet): Promise<Haystacks> {
  const admin = kafkaClient('haystack').admin();
  await admin.connect();
  const topics = (await admin.listTopics().finally(() => admin.disconnect())).filter((n) => n.startsWith(t.namespace));
  const out: Haystacks = Object.fromEntries(topics.map((topic) => [`kafka:${topic}`, '']));
  await readTopicsToEnd(topics, (topic, message) => {
    const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${text(v)}`).join(' ');
    out[`kafka:${topic}`] += `${text(message.key)}\t${text(message.value)}\t${headers}\n`;
  });
  return out;
}

/** The forms a secret takes when it passes through URLs, V1 strings-to-sign and escaping JSON writers. */
export function spellings(secret: string): string[] {
  const once = encodeURIComponent(secret);
  return [...new Set([secret, once, encodeURIComponent(once), secret.replace(/\//g, '\\/')])];
}

/** Where (place → hits) any spelling of `secret` occurs; empty when nowhere. */
export function occurrences(haystacks: Haystacks, secret: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [place, hay] of Object.entries(haystacks)) {
    const hits = spellings(secret).reduce((n, s) => n + hay.split(s).length - 1, 0);
    if (hits > 0) found[place] = hits;
  }
  return found;
}
