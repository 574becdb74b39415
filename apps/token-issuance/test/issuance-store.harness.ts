import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, dataSourceOptions, Database, loadConfig, openDataSource, OutboxMessageEntity, PlatformTables1764300000000, ProcessedEventEntity, TransactionalOutbox } from '@opensts/platform';
import { EventStore, ISSUANCE_ENTITIES, ISSUANCE_MIGRATIONS, SessionProjection, SessionReadModel } from '../src/issuance/infrastructure';
import { CommandHandler } from '../src/issuance/command-handler';

export interface IssuanceStore {
  db: Database;
  outbox: TransactionalOutbox;
  projection: SessionProjection;
  store: EventStore;
  readModel: SessionReadModel;
  commands: CommandHandler;
}

export const embeddedConfig = (): AppConfig => loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-issuance-')) });
export const postgresConfig = (url: string): AppConfig => loadConfig({ STS_MODE: 'distributed', DATABASE_URL_ISSUANCE: url });

/** The token-issuance database (platform + issuance tables) with its store, outside Nest. */
export async function openIssuanceStore(cfg: AppConfig, options: { maxBatch?: number; maxConcurrent?: number } = {}): Promise<IssuanceStore> {
  const ds = await openDataSource(
    dataSourceOptions(cfg, { service: 'token-issuance', entities: [OutboxMessageEntity, ProcessedEventEntity, ...ISSUANCE_ENTITIES], migrations: [PlatformTables1764300000000, ...ISSUANCE_MIGRATIONS] }),
  );
  const db = new Database(ds);
  const outbox = new TransactionalOutbox(db);
  const projection = new SessionProjection(db.kind);
  const store = new EventStore(db, outbox, projection, options);
  return { db, outbox, projection, store, readModel: new SessionReadModel(db), commands: new CommandHandler(store) };
}
