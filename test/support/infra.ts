import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';

/** Connection settings of `npm run infra:up` (overridable like the apps' own configuration). */
export const INFRA = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
  adminUrl: process.env.DATABASE_URL_TEST ?? 'postgres://opensts:opensts@127.0.0.1:55432/opensts_test',
};

/** Integration tests need the real broker and database: fail loudly, never skip. */
export async function requireInfra(): Promise<void> {
  const pg = new Client({ connectionString: INFRA.adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${INFRA.adminUrl} (run \`npm run infra:up\`): ${(err as Error).message}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const admin = new Kafka({ brokers: INFRA.kafkaBrokers, clientId: 'opensts-test-probe', logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (err) {
    throw new Error(`Kafka is not reachable at ${INFRA.kafkaBrokers.join(',')} (run \`npm run infra:up\`): ${(err as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** A throw-away PostgreSQL database; the returned function drops it. */
export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${uniqueSuffix()}`;
  const admin = new Client({ connectionString: INFRA.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(INFRA.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: INFRA.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
