import { Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ConfigError, Database, databaseReadinessToken, dataSourceOptions, openDataSource, ReadinessCheck } from '@opensts/platform';
import { NONCE_DATABASE } from '../access.constants';
import { DatabaseNonceStore } from './database-nonce-store';
import { NONCE_MIGRATIONS } from './nonce-tables.migration';

/**
 * In distributed mode a `DATABASE_URL` given to each container (its service's database) would make
 * the replay cache fall back to it, one per service, and a request accepted by the gateway could
 * be replayed to token-issuance (ADR 0006 rule 8). Such a configuration is refused, naming the
 * variable that is missing, instead of quietly running split.
 */
export function assertOneNonceDatabase(cfg: AppConfig, env: NodeJS.ProcessEnv = process.env): void {
  if (cfg.STS_MODE === 'distributed' && env.DATABASE_URL && !env.DATABASE_URL_NONCES) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_URL_NONCES: required with DATABASE_URL in distributed mode, so that every gateway and token-issuance instance claims SignatureNonces in one database',
    );
  }
}

/**
 * The deployment's one SignatureNonce replay cache (ADR 0006): its own database, opened by every
 * gateway and token-issuance instance, so a request verified by either cannot be replayed to the
 * other. A static, global module: however many AccessModules a process registers (embedded mode
 * hosts the gateway's and token-issuance's), Nest builds it once — one store, one connection.
 */
@Global()
@Module({
  providers: [
    {
      provide: NONCE_DATABASE,
      inject: [APP_CONFIG],
      // the store group-commits: one insert in flight per process, plus the sweep
      useFactory: async (cfg: AppConfig) => {
        assertOneNonceDatabase(cfg);
        return new Database(await openDataSource(dataSourceOptions(cfg, { service: 'nonces', entities: [], migrations: NONCE_MIGRATIONS, maxConnections: 4, migrationsTableName: 'nonce_migrations' })));
      },
    },
    { provide: DatabaseNonceStore, inject: [NONCE_DATABASE], useFactory: (db: Database) => new DatabaseNonceStore(db) },
    {
      provide: databaseReadinessToken('nonces'),
      inject: [NONCE_DATABASE],
      useFactory: (db: Database): ReadinessCheck => ({ name: 'nonces-database', check: () => db.isReady() }),
    },
  ],
  exports: [DatabaseNonceStore, databaseReadinessToken('nonces')],
})
export class NonceStoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DatabaseNonceStore) private readonly store: DatabaseNonceStore, @Inject(NONCE_DATABASE) private readonly db: Database) {}

  onModuleInit(): void {
    this.store.startSweeping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.store.stopSweeping();
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}
