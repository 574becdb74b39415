import { DataSource, MigrationInterface, QueryRunner, Table } from 'typeorm';
import { freshDatabase, requireInfra } from '../../../../test/support/infra';
import { loadConfig } from '../config';
import { PlatformTables1764300000000 } from '../outbox/platform-tables.migration';
import { dataSourceOptions, IDLE_IN_TRANSACTION_MS, openDataSource } from './data-source.factory';

jest.setTimeout(60_000);

/** A second store's own migration, recorded in a migrations table of its own. */
class ProbeTable1764300009999 implements MigrationInterface {
  name = 'ProbeTable1764300009999';
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'probe', columns: [{ name: 'id', type: 'int', isPrimary: true }] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('probe');
  }
}

/**
 * Instances starting together on a fresh database (a deployment's first start, several gateway
 * instances, gateway and token-issuance creating the shared replay cache) must all come up: the
 * one that loses the race to create a table must wait for it, not stop with a catalogue error.
 */
describe('openDataSource on PostgreSQL', () => {
  beforeAll(() => requireInfra());

  it('lets six DataSources on one fresh database migrate at once, two stores with migration tables of their own, each migration applied once', async () => {
    const db = await freshDatabase('migrate_race');
    const opened: DataSource[] = [];
    try {
      const cfg = loadConfig({ STS_MODE: 'distributed', DATABASE_URL_AUDIT: db.url, DATABASE_URL_NONCES: db.url });
      const service = () => openDataSource(dataSourceOptions(cfg, { service: 'audit', entities: [], migrations: [PlatformTables1764300000000] }));
      const other = () => openDataSource(dataSourceOptions(cfg, { service: 'nonces', entities: [], migrations: [ProbeTable1764300009999], migrationsTableName: 'probe_migrations' }));
      opened.push(...(await Promise.all([service(), service(), service(), other(), other(), other()])));
      const [{ n }] = await opened[0].query("SELECT COUNT(*)::int AS n FROM migrations WHERE name = 'PlatformTables1764300000000'");
      expect(n).toBe(1);
      const [{ m }] = await opened[0].query('SELECT COUNT(*)::int AS m FROM probe_migrations');
      expect(m).toBe(1);
    } finally {
      await Promise.all(opened.map((ds) => ds.destroy()));
      await db.drop();
    }
  });

  it('has PostgreSQL end a transaction a stalled process left idle, so its locks do not outlive it by hours', async () => {
    const db = await freshDatabase('idle_tx');
    const cfg = loadConfig({ STS_MODE: 'distributed', DATABASE_URL_AUDIT: db.url });
    const ds = await openDataSource(dataSourceOptions(cfg, { service: 'audit', entities: [], migrations: [PlatformTables1764300000000] }));
    try {
      const [{ idle_in_transaction_session_timeout: timeout }] = await ds.query('SHOW idle_in_transaction_session_timeout');
      expect(timeout).toBe(`${IDLE_IN_TRANSACTION_MS / 60_000}min`);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
