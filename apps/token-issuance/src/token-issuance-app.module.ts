import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS, AccessModule } from '@opensts/access';
import { ActionGrpcService, AppConfig, CoreModule, HealthHttpController, readinessChecksProvider, ServicePersistenceModule } from '@opensts/platform';
import { TokenServiceGrpcServer } from './grpc/token-service.grpc.server';
import { ISSUANCE_ENTITIES, ISSUANCE_MIGRATIONS } from './issuance/infrastructure';
import { IssuanceModule } from './issuance/issuance.module';
import { VerificationModule } from './verification/verification.module';

/**
 * token-issuance: the event-sourced session store (AssumeRole, revocation, listing), request
 * verification and authorisation for other services, served as the STS actions and as
 * opensts.v1.TokenService. Composable into one process with the other services (embedded mode).
 */
@Module({})
export class TokenIssuanceModule {
  static register(): DynamicModule {
    const persistence = ServicePersistenceModule.forService({
      service: 'token-issuance',
      entities: [...ACCESS_ENTITIES, ...ISSUANCE_ENTITIES],
      migrations: [...ACCESS_MIGRATIONS, ...ISSUANCE_MIGRATIONS],
    });
    const access = AccessModule.register({ service: 'token-issuance', persistence });
    return {
      module: TokenIssuanceModule,
      imports: [persistence, access, IssuanceModule.register(persistence, access), VerificationModule.register(access)],
      providers: [TokenServiceGrpcServer],
      exports: [persistence],
    };
  }
}

/** Root module when token-issuance runs as its own process. */
@Module({})
export class TokenIssuanceAppModule {
  static standalone(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: TokenIssuanceAppModule,
      imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts-token-issuance' }), TokenIssuanceModule.register()],
      controllers: [HealthHttpController],
      providers: [readinessChecksProvider(['token-issuance', 'nonces']), ActionGrpcService],
    };
  }
}
