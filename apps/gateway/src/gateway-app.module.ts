import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS, AccessModule } from '@opensts/access';
import { APP_CONFIG, AppConfig, CoreModule, HealthHttpController, readinessChecksProvider, ServicePersistenceModule } from '@opensts/platform';
import { ApiCallRecorder } from './audit/api-call.recorder';
import { RamAuthoriser } from './authorisation/ram.authoriser';
import { GatewayOptions, loadGatewayOptions } from './config/gateway-options';
import { GATEWAY_OPTIONS } from './gateway.constants';
import { OpenApiHttpController } from './openapi/openapi.http.controller';
import { ActionRouter } from './routing/action.router';
import { RpcCallHandler } from './rpc/rpc-call.handler';
import { RpcEndpointHttpController } from './rpc/rpc-endpoint.http.controller';
import { RequestThrottle } from './throttling/request.throttle';
import { ThrottleClock } from './throttling/throttle.clock';
import { HttpsListener } from './tls/https.listener';

const pipeline = [ThrottleClock, RequestThrottle, RamAuthoriser, ApiCallRecorder, RpcCallHandler];
const endpoints = [RpcEndpointHttpController, HttpsListener];

/**
 * The Alibaba OpenAPI endpoint (HTTP and HTTPS): authenticates with libs/access against the
 * gateway's own read models and the deployment's one nonce store, authorises RAM/IMS actions,
 * and invokes the owning service through the platform ActionInvoker. Composable: it needs
 * CoreModule and a Fastify HTTP adapter from its host, and declares no global providers (the
 * nonce store is process-wide on purpose, in libs/access).
 */
@Module({})
export class GatewayModule {
  static register(overrides: Partial<GatewayOptions> = {}): DynamicModule {
    const persistence = ServicePersistenceModule.forService({ service: 'gateway', entities: [...ACCESS_ENTITIES], migrations: [...ACCESS_MIGRATIONS] });
    return {
      module: GatewayModule,
      imports: [persistence, AccessModule.register({ service: 'gateway', persistence })],
      controllers: [OpenApiHttpController],
      providers: [
        { provide: GATEWAY_OPTIONS, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => loadGatewayOptions(cfg, process.env, overrides) },
        { provide: ActionRouter, useValue: new ActionRouter() },
        ...pipeline,
        ...endpoints,
      ],
      exports: [persistence, HttpsListener],
    };
  }
}

/** Root module when the gateway runs as its own process (distributed mode). */
@Module({})
export class GatewayAppModule {
  static standalone(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts-gateway' }), GatewayModule.register()],
      controllers: [HealthHttpController],
      providers: [readinessChecksProvider(['gateway', 'nonces'])],
    };
  }
}
