import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ServiceFleet } from '@opensts/platform/launcher';
import type { ServiceName } from '@opensts/platform';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from './infra';

const DB_VARIABLE: Record<ServiceName, string> = {
  'identity-directory': 'DATABASE_URL_IDENTITY',
  policy: 'DATABASE_URL_POLICY',
  'token-issuance': 'DATABASE_URL_ISSUANCE',
  gateway: 'DATABASE_URL_GATEWAY',
  audit: 'DATABASE_URL_AUDIT',
};

export const TEST_ROOT = { accountId: '1234567890123456', accessKeyId: 'LTAI5tE2eRootKey00000000', accessKeySecret: 'E2eRootSecret0000000000000000x' };

export interface TestFleet {
  fleet: ServiceFleet;
  databaseUrl: (service: ServiceName) => string;
  query: (service: ServiceName, sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  namespace: string;
  dataDir: string;
  teardown: () => Promise<void>;
}

/**
 * A distributed OpenSTS for one e2e suite: fresh PostgreSQL databases, a Kafka namespace of its
 * own, ports shifted by `portOffset`, the bootstrap root key fixed (TEST_ROOT). Fails — never
 * skips — when Kafka or PostgreSQL is not running.
 */
export async function createTestFleet(label: string, portOffset: number, env: NodeJS.ProcessEnv = {}): Promise<TestFleet> {
  await requireInfra();
  const services = Object.keys(DB_VARIABLE) as ServiceName[];
  const dbs = await Promise.all(services.map((s) => freshDatabase(`${label}_${s}`)));
  const urls = Object.fromEntries(services.map((s, i) => [s, dbs[i].url])) as Record<ServiceName, string>;
  const namespace = `e2e-${label}-${uniqueSuffix()}.`;
  const dataDir = mkdtempSync(join(tmpdir(), `opensts-e2e-${label}-`));
  const fleet = new ServiceFleet({
    dataDir,
    portOffset,
    echo: process.env.E2E_ECHO === '1',
    env: {
      KAFKA_BROKERS: INFRA.kafkaBrokers.join(','),
      KAFKA_NAMESPACE: namespace,
      STS_BOOTSTRAP_ACCOUNT_ID: TEST_ROOT.accountId,
      STS_BOOTSTRAP_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
      STS_BOOTSTRAP_ACCESS_KEY_SECRET: TEST_ROOT.accessKeySecret,
      STS_LOG_LEVEL: 'info',
      ...Object.fromEntries(services.map((s) => [DB_VARIABLE[s], urls[s]])),
      ...env,
    },
  });
  await fleet.prepare();
  return {
    fleet,
    namespace,
    dataDir,
    databaseUrl: (s) => urls[s],
    query: async (s, sql, params = []) => {
      const c = new Client({ connectionString: urls[s] });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    teardown: async () => {
      await fleet.stopAll();
      for (const db of dbs) await db.drop().catch(() => undefined);
    },
  };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, intervalMs = 50): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
