import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ServiceFleet } from '@opensts/platform/launcher';
import type { DatabaseName } from '@opensts/platform';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from './infra';

const DB_VARIABLE: Record<DatabaseName, string> = {
  'identity-directory': 'DATABASE_URL_IDENTITY',
  policy: 'DATABASE_URL_POLICY',
  'token-issuance': 'DATABASE_URL_ISSUANCE',
  gateway: 'DATABASE_URL_GATEWAY',
  audit: 'DATABASE_URL_AUDIT',
  nonces: 'DATABASE_URL_NONCES',
};

/** gRPC ports of test fleets: 20051+offset…, below the ephemeral port range (ServiceFleet.grpcPortBase). */
export const TEST_GRPC_PORT_BASE = 20_000;

export const TEST_ROOT = { accountId: '1234567890123456', accessKeyId: 'LTAI5tE2eRootKey00000000', accessKeySecret: 'E2eRootSecret0000000000000000x' };

export interface TestFleet {
  fleet: ServiceFleet;
  databaseUrl: (database: DatabaseName) => string;
  query: (database: DatabaseName, sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  namespace: string;
  dataDir: string;
  teardown: () => Promise<void>;
}

/**
 * A distributed OpenSTS for one e2e suite: fresh PostgreSQL databases (each service's and the
 * nonce database they share), a Kafka namespace of its own, ports shifted by `portOffset`, the
 * bootstrap root key fixed (TEST_ROOT). Fails — never skips — when Kafka or PostgreSQL is not
 * running.
 */
export async function createTestFleet(label: string, portOffset: number, env: NodeJS.ProcessEnv = {}): Promise<TestFleet> {
  await requireInfra();
  const databases = Object.keys(DB_VARIABLE) as DatabaseName[];
  const dbs = await Promise.all(databases.map((d) => freshDatabase(`${label}_${d}`)));
  const urls = Object.fromEntries(databases.map((d, i) => [d, dbs[i].url])) as Record<DatabaseName, string>;
  const namespace = `e2e-${label}-${uniqueSuffix()}.`;
  const dataDir = mkdtempSync(join(tmpdir(), `opensts-e2e-${label}-`));
  const fleet = new ServiceFleet({
    dataDir,
    portOffset,
    grpcPortBase: TEST_GRPC_PORT_BASE,
    echo: process.env.E2E_ECHO === '1',
    env: {
      KAFKA_BROKERS: INFRA.kafkaBrokers.join(','),
      KAFKA_NAMESPACE: namespace,
      STS_BOOTSTRAP_ACCOUNT_ID: TEST_ROOT.accountId,
      STS_BOOTSTRAP_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
      STS_BOOTSTRAP_ACCESS_KEY_SECRET: TEST_ROOT.accessKeySecret,
      STS_LOG_LEVEL: 'info',
      ...Object.fromEntries(databases.map((d) => [DB_VARIABLE[d], urls[d]])),
      ...env,
    },
  });
  await fleet.prepare();
  return {
    fleet,
    namespace,
    dataDir,
    databaseUrl: (d) => urls[d],
    query: async (d, sql, params = []) => {
      const c = new Client({ connectionString: urls[d] });
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
      // the fleet's master key, CA key and logs: nothing of it may outlive the run in /tmp
      rmSync(dataDir, { recursive: true, force: true });
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
