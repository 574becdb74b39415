import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics, type EventEnvelope } from '@opensts/sts-core/events';
import {
  AppConfig,
  dataSourceOptions,
  Database,
  InProcessEventBus,
  loadConfig,
  openDataSource,
  OutboxMessageEntity,
  OutboxRelay,
  PlatformTables1764300000000,
  ProcessedEventEntity,
  TransactionalOutbox,
} from '@opensts/platform';
import { EventStore, ISSUANCE_ENTITIES, ISSUANCE_MIGRATIONS, SessionProjection, SessionReadModel } from '../src/issuance/infrastructure';
import { CommandHandler } from '../src/issuance/command-handler';

export interface IssuanceStore {
  db: Database;
  outbox: TransactionalOutbox;
  projection: SessionProjection;
  store: EventStore;
  readModel: SessionReadModel;
  commands: CommandHandler;
  /** Runs the service's relay (outbox and, on SQLite, the events table) and returns everything it published so far. */
  published: () => Promise<EventEnvelope[]>;
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
  const sent: EventEnvelope[] = [];
  const bus = new InProcessEventBus();
  await bus.subscribe({ group: 'published', topics: [Topics.issuance, Topics.revocations], handler: async (m) => void sent.push(m.envelope) });
  const relay = new OutboxRelay(db, bus, { lockKey: 1 });
  if (store.log) relay.addSource(store.log);
  const published = async () => {
    await relay.drain();
    return [...sent];
  };
  return { db, outbox, projection, store, readModel: new SessionReadModel(db), commands: new CommandHandler(store), published };
}
