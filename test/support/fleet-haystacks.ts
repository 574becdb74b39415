import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
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

/** Every message (key, value, headers) of every topic of the fleet's Kafka namespace, read from the beginning up to the high watermark. */
export async function fleetTopics(t: TestFleet): Promise<Haystacks> {
  const kafka = new Kafka({ brokers: INFRA.kafkaBrokers, clientId: `e2e-haystack-${uniqueSuffix()}`, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((n) => n.startsWith(t.namespace));
  const pending = new Map<string, bigint>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) pending.set(`${topic}/${p.partition}`, BigInt(p.high));
  }
  await admin.disconnect();
  const out: Haystacks = Object.fromEntries(topics.map((topic) => [`kafka:${topic}`, '']));
  if (pending.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `e2e-haystack-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let done!: () => void;
  const drained = new Promise<void>((r) => (done = r));
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${text(v)}`).join(' ');
      out[`kafka:${topic}`] += `${text(message.key)}\t${text(message.value)}\t${headers}\n`;
      const key = `${topic}/${partition}`;
      if (pending.has(key) && BigInt(message.offset) + 1n >= pending.get(key)!) pending.delete(key);
      if (pending.size === 0) done();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([drained, new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`topics not read to the end: ${[...pending.keys()].join(', ')}`)), 30_000)))]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
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
