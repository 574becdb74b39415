import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, CoreModule, databaseReadinessToken, EventBus, HealthHttpController, READINESS_CHECKS, ReadinessCheck, readinessChecksProvider } from '@opensts/platform';
import { AuditModule } from '../../audit/src/audit-app.module';
import { GatewayModule } from '../../gateway/src/gateway-app.module';
import { IdentityDirectoryModule } from '../../identity-directory/src/identity-directory-app.module';
import { PolicyModule } from '../../policy/src/policy-app.module';
import { TokenIssuanceModule } from '../../token-issuance/src/token-issuance-app.module';
import { ServicesThread } from './services-thread';

/** Starts the services thread once the gateway's modules are initialised; stops it last. */
@Injectable()
class ServicesThreadLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ServicesThread) private readonly thread: ServicesThread) {}

  onApplicationBootstrap(): Promise<void> {
    return this.thread.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.thread.stop();
  }
}

/**
 * `npm start`: every service in one process — each with its own SQLite database under
 * STS_DATA_DIR, plus nonces.sqlite, the one replay cache of gateway and token-issuance.
 * This is a composition root, not a service: it owns no code of its own.
 */
@Module({})
export class EmbeddedAppModule {
  /**
   * What `npm start` runs (ADR 0013): the gateway on this thread; identity-directory, policy,
   * token-issuance and audit on a services thread, reached through the same seams as in
   * distributed mode (the ActionService's calls, the bus topics) over a MessagePort.
   */
  static onTwoThreads(config: AppConfig, logger: Logger, thread = new ServicesThread()): DynamicModule {
    return {
      module: EmbeddedAppModule,
      imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts', bus: thread.bus, invoker: thread.invoker }), GatewayModule.register()],
      controllers: [HealthHttpController],
      providers: [
        { provide: ServicesThread, useValue: thread },
        ServicesThreadLifecycle,
        {
          provide: READINESS_CHECKS,
          inject: [EventBus, databaseReadinessToken('gateway'), databaseReadinessToken('nonces')],
          useFactory: (bus: EventBus, ...databases: ReadinessCheck[]): ReadinessCheck[] => [
            ...databases,
            { name: 'event-bus', check: () => bus.isReady() },
            { name: 'services-thread', check: () => thread.ready() },
          ],
        },
      ],
    };
  }

  /** Every service on one thread and the in-process bus (the embedded tests compose this). */
  static onOneThread(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: EmbeddedAppModule,
      imports: [
        CoreModule.forRoot({ config, logger, clientId: 'opensts' }),
        IdentityDirectoryModule.register(),
        PolicyModule.register(),
        TokenIssuanceModule.register(),
        AuditModule.register(),
        GatewayModule.register(),
      ],
      controllers: [HealthHttpController],
      providers: [readinessChecksProvider(['identity-directory', 'policy', 'token-issuance', 'audit', 'gateway', 'nonces'])],
    };
  }
}
