import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import type { AppConfig, DatabaseName } from '../config';
import { databaseUrlFor } from '../config';
import { walCheckpointer } from './wal-checkpointer';

export interface ServiceDataSourceSpec {
  /** A service, or `nonces` (the deployment's replay cache, opened by gateway and token-issuance). */
  service: DatabaseName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** PostgreSQL pool size (default 20). */
  maxConnections?: number;
  /**
   * Where TypeORM records the migrations that ran (default `migrations`). A database two
   * DataSources may share (the replay cache, when an operator points it at a service's database)
   * needs its own, or each would take the other's table for its own.
   */
  migrationsTableName?: string;
}

/** How long PostgreSQL lets one of our transactions sit idle between statements before ending it. */
export const IDLE_IN_TRANSACTION_MS = 60_000;

/**
 * One DataSource per database, each with its own schema: its own PostgreSQL database in
 * distributed mode, its own SQLite file under STS_DATA_DIR in embedded mode. Migrations run at
 * start-up; `synchronize` is never used outside tests.
 */
export function dataSourceOptions(cfg: AppConfig, spec: ServiceDataSourceSpec): DataSourceOptions {
  if (cfg.STS_MODE === 'distributed') {
    return {
      type: 'postgres',
      url: databaseUrlFor(cfg, spec.service),
      entities: spec.entities,
      migrations: spec.migrations,
      migrationsRun: true,
      migrationsTableName: spec.migrationsTableName ?? 'migrations',
      synchronize: false,
      extra: {
        max: spec.maxConnections ?? 20,
        connectionTimeoutMillis: 5_000,
        // A transaction left open by a process that stalled (a paused VM, a partition) would keep
        // its row locks until TCP keepalive notices, hours later, and every instance waiting on
        // them with it (the shared inbox of the access views). PostgreSQL ends it after this.
        idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      },
    };
  }
  const dir = resolve(cfg.STS_DATA_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    type: 'better-sqlite3',
    database: join(dir, `${spec.service}.sqlite`),
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsRun: true,
    synchronize: false,
    // WAL + FULL (the default) keeps a committed transaction through a process crash, an OS crash
    // or a power loss; NORMAL only through a process crash (STS_SQLITE_SYNCHRONOUS, ADR 0003)
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma(`synchronous = ${cfg.STS_SQLITE_SYNCHRONOUS}`);
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // hot pages (the right edge of every time-ordered index) stay in memory between commits:
      // -14 % CPU per AssumeRole in `npm start` (bench/RESULTS.md, gateway); a ceiling, not an allocation
      db.pragma('cache_size = -32768');
      db.pragma('temp_store = MEMORY');
    },
  };
}

/** Any constant: PostgreSQL advisory locks are per database, and only migrations take this one. */
const MIGRATION_LOCK = 0x6f70_656e; // 'open'

/**
 * Opens the DataSource and runs its pending migrations. On PostgreSQL they run under an advisory
 * lock held on a connection of their own: instances starting together (two gateways, or
 * gateway and token-issuance creating the shared replay cache) would otherwise race to create
 * the same tables, and the loser would stop with a duplicate-key error from the catalogue.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const ds = new DataSource({ ...options, migrationsRun: false });
  await ds.initialize();
  if (options.migrationsRun) {
    try {
      await migrate(ds);
    } catch (err) {
      await ds.destroy().catch(() => undefined);
      throw err;
    }
  }
  if (ds.options.type === 'better-sqlite3') checkpointInBackground(ds);
  return ds;
}

/** SQLite: WAL checkpoints in the process's checkpointer thread, given back before the connection closes. */
function checkpointInBackground(ds: DataSource): void {
  const sqlite = (ds.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  walCheckpointer.adopt(sqlite);
  const destroy = ds.destroy.bind(ds);
  ds.destroy = () => {
    walCheckpointer.release(sqlite);
    return destroy();
  };
}

async function migrate(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'postgres') {
    await ds.runMigrations();
    return;
  }
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
