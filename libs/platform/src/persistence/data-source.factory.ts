import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { AppConfig, DatabaseName } from '../config';
import { databaseUrlFor } from '../config';

export interface ServiceDataSourceSpec {
  /** A service, or `nonces` (the deployment's replay cache, opened by gateway and token-issuance). */
  service: DatabaseName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** PostgreSQL pool size (default 20). */
  maxConnections?: number;
}

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
      migrationsTableName: 'migrations',
      synchronize: false,
      extra: { max: spec.maxConnections ?? 20, connectionTimeoutMillis: 5_000 },
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
    // WAL + NORMAL survives a process crash (kill -9) without losing a committed transaction
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // hot pages (the right edge of every time-ordered index) stay in memory between commits:
      // -14 % CPU per AssumeRole in `npm start` (bench/RESULTS.md, gateway); a ceiling, not an allocation
      db.pragma('cache_size = -32768');
      db.pragma('temp_store = MEMORY');
    },
  };
}

export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const ds = new DataSource(options);
  await ds.initialize();
  return ds;
}
