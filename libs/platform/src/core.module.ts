import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from './config';
import { EventBus, InProcessEventBus, KafkaEventBus } from './bus';
import { ActionInvoker, ActionRegistry, GrpcActionInvoker, InProcessActionInvoker } from './actions';
import { GrpcServerHost } from './grpc';
import { APP_CONFIG, ROOT_LOGGER } from './platform.constants';

export interface CoreModuleOptions {
  config: AppConfig;
  logger: Logger;
  /** Client id prefix on Kafka (the process's service name, or `opensts` when embedded). */
  clientId: string;
  /** Embedded mode shares one in-process bus between all services of the process. */
  bus?: EventBus;
}

/**
 * Process-wide providers: the validated configuration, the root logger, the event bus, the
 * registry of actions this process performs, the gRPC server and the way to invoke actions.
 * Global so every service module of the process (one in distributed mode, all in embedded mode)
 * sees the same bus.
 */
@Global()
@Module({})
export class CoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}

  static forRoot(options: CoreModuleOptions): DynamicModule {
    const bus =
      options.bus ??
      (options.config.STS_MODE === 'distributed'
        ? new KafkaEventBus({ brokers: options.config.KAFKA_BROKERS.split(','), clientId: options.clientId, namespace: options.config.KAFKA_NAMESPACE, replicationFactor: options.config.KAFKA_REPLICATION_FACTOR })
        : new InProcessEventBus());
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: ROOT_LOGGER, useValue: options.logger },
        { provide: EventBus, useValue: bus },
        ActionRegistry,
        GrpcServerHost,
        {
          provide: ActionInvoker,
          inject: [ActionRegistry],
          useFactory: (registry: ActionRegistry) =>
            options.config.STS_MODE === 'distributed' ? new GrpcActionInvoker(options.config) : new InProcessActionInvoker(registry),
        },
      ],
      exports: [APP_CONFIG, ROOT_LOGGER, EventBus, ActionRegistry, GrpcServerHost, ActionInvoker],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}
