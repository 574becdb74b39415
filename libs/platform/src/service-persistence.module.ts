import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntitySchema, MixedList } from 'typeorm';
import { AppConfig, ServiceName } from './config';
import { EventBus } from './bus';
import { dataSourceOptions, Database, openDataSource } from './persistence';
import { InboxPruner, OutboxMessageEntity, OutboxRelay, PlatformTables1764300000000, ProcessedEventEntity, TransactionalOutbox } from './outbox';
import { APP_CONFIG, SERVICE_NAME } from './platform.constants';
import { databaseReadinessToken, ReadinessCheck } from './health/readiness';

export interface ServicePersistenceOptions {
  service: ServiceName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/** Stable per-service advisory lock key: one outbox relay per service database at a time. */
const lockKey = (service: string) => [...service].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

/**
 * How long a relay lets commits gather before it publishes them (OutboxRelayOptions.gatherMs).
 * PostgreSQL: each drain is three round trips and a produce to Kafka, so fewer and larger ones;
 * consumers (read models, revocations, the audit trail) see an event up to this much later.
 * SQLite: the in-process bus runs its consumers on the request thread, so short batches.
 */
const RELAY_GATHER_MS = { postgres: 20, sqlite: 5 } as const;

/**
 * The database of one service (its own schema), its transactional outbox and the relay that
 * publishes it. Import it once in the service's root module; it exports what its contexts need.
 */
@Module({})
export class ServicePersistenceModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pruner: InboxPruner;

  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay, @Inject(Database) private readonly db: Database) {
    this.pruner = new InboxPruner(db);
  }

  static forService(options: ServicePersistenceOptions): DynamicModule {
    return {
      module: ServicePersistenceModule,
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        {
          provide: Database,
          inject: [APP_CONFIG],
          useFactory: async (cfg: AppConfig) =>
            new Database(
              await openDataSource(
                dataSourceOptions(cfg, {
                  service: options.service,
                  entities: [OutboxMessageEntity, ProcessedEventEntity, ...(options.entities as unknown[] as never[])],
                  migrations: [PlatformTables1764300000000, ...options.migrations],
                }),
              ),
            ),
        },
        { provide: TransactionalOutbox, inject: [Database], useFactory: (db: Database) => new TransactionalOutbox(db) },
        {
          provide: OutboxRelay,
          inject: [Database, EventBus, TransactionalOutbox],
          useFactory: (db: Database, bus: EventBus, outbox: TransactionalOutbox) => {
            // a few milliseconds of commits per publish: AssumeRole traffic commits hundreds of times a second (bench/RESULTS.md, gateway)
            const relay = new OutboxRelay(db, bus, { lockKey: lockKey(options.service), gatherMs: RELAY_GATHER_MS[db.kind] });
            outbox.onCommit(() => relay.nudge());
            return relay;
          },
        },
        {
          provide: databaseReadinessToken(options.service),
          inject: [Database],
          useFactory: (db: Database): ReadinessCheck => ({ name: `${options.service}-database`, check: () => db.isReady() }),
        },
      ],
      exports: [Database, TransactionalOutbox, OutboxRelay, SERVICE_NAME, databaseReadinessToken(options.service)],
    };
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.pruner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.pruner.stop();
    await this.relay.stop();
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}
