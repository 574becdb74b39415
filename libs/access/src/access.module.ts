import { hostname } from 'node:os';
import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { SecretBox } from '@opensts/sts-core/crypto';
import { Topics } from '@opensts/sts-core/events';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { APP_CONFIG, AppConfig, Database, EventBus, loadMasterKeyRing, loadTokenKeyRing, ServiceName } from '@opensts/platform';
import { AccessIndex } from './directory/access-index';
import { AccessViewStore } from './directory/access-view.store';
import { PROJECTED_EVENT_TYPES } from './directory/event-projection';
import { DirectoryView } from './directory/directory-view';
import { RevocationView } from './revocation/revocation-view';
import { DatabaseNonceStore } from './authentication/database-nonce-store';
import { NonceStoreModule } from './authentication/nonce-store.module';
import { RequestAuthenticator } from './authentication/request-authenticator';
import { PermissionEvaluator } from './authorization/permission-evaluator';
import { ACCESS_SERVICE } from './access.constants';

/** Loads the durable view, then follows identity, policy and issuance events in this instance's own group. */
@Injectable()
class AccessViewFollower implements OnModuleInit {
  constructor(
    @Inject(AccessViewStore) private readonly store: AccessViewStore,
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(ACCESS_SERVICE) private readonly service: ServiceName,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.load();
    // every instance must see every event: a group of its own, not the service's
    const instance = this.cfg.STS_INSTANCE_ID ?? `${hostname()}-${this.service}`;
    await this.bus.subscribe({
      group: `${this.service}-access-${instance}`,
      topics: [Topics.identity, Topics.policy, Topics.revocations],
      eventTypes: PROJECTED_EVENT_TYPES,
      fromBeginning: true,
      // a new instance replays the topics from their start: it serves only once it has caught up
      readyWhenCaughtUp: true,
      handler: (m) => this.store.apply(m.envelope),
    });
  }
}

export interface AccessModuleOptions {
  service: Extract<ServiceName, 'gateway' | 'token-issuance'>;
  /** The host's ServicePersistenceModule, whose migrations include ACCESS_MIGRATIONS. */
  persistence: DynamicModule;
}

/**
 * Authentication and authorisation for the services that answer requests (gateway,
 * token-issuance): the directory and revocation views, request signature verification with the
 * deployment's one nonce store (NonceStoreModule, shared by both services), and the permission
 * evaluator.
 */
@Module({})
export class AccessModule {
  static register(options: AccessModuleOptions): DynamicModule {
    return {
      module: AccessModule,
      imports: [options.persistence, NonceStoreModule],
      providers: [
        { provide: ACCESS_SERVICE, useValue: options.service },
        AccessIndex,
        { provide: SecretBox, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => new SecretBox(loadMasterKeyRing(cfg)) },
        { provide: SecurityTokenCodec, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => new SecurityTokenCodec(loadTokenKeyRing(cfg)) },
        { provide: AccessViewStore, inject: [Database, AccessIndex], useFactory: (db: Database, index: AccessIndex) => new AccessViewStore(db, index, `${options.service}-access`) },
        { provide: DirectoryView, inject: [AccessIndex, SecretBox], useFactory: (index: AccessIndex, box: SecretBox) => new DirectoryView(index, box) },
        { provide: RevocationView, inject: [AccessIndex, DirectoryView], useFactory: (index: AccessIndex, d: DirectoryView) => new RevocationView(index, d) },
        {
          provide: RequestAuthenticator,
          inject: [DirectoryView, RevocationView, SecurityTokenCodec, DatabaseNonceStore, APP_CONFIG],
          useFactory: (d: DirectoryView, r: RevocationView, t: SecurityTokenCodec, n: DatabaseNonceStore, cfg: AppConfig) =>
            new RequestAuthenticator(d, r, t, n, cfg.STS_TIMESTAMP_SKEW_SECONDS * 1000),
        },
        { provide: PermissionEvaluator, inject: [DirectoryView], useFactory: (d: DirectoryView) => new PermissionEvaluator(d) },
        AccessViewFollower,
      ],
      exports: [DirectoryView, RevocationView, RequestAuthenticator, PermissionEvaluator, SecurityTokenCodec, AccessViewStore],
    };
  }
}
