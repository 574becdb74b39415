import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, CoreModule, HealthHttpController, readinessChecksProvider } from '@opensts/platform';
import { AuditModule } from '../../audit/src/audit-app.module';
import { GatewayModule } from '../../gateway/src/gateway-app.module';
import { IdentityDirectoryModule } from '../../identity-directory/src/identity-directory-app.module';
import { PolicyModule } from '../../policy/src/policy-app.module';
import { TokenIssuanceModule } from '../../token-issuance/src/token-issuance-app.module';

/**
 * `npm start`: every service in one process — each with its own SQLite database under
 * STS_DATA_DIR, plus nonces.sqlite, the one replay cache of gateway and token-issuance — over the
 * in-process event bus; the gateway reaches the services in-process.
 * This is a composition root, not a service: it owns no code of its own.
 */
@Module({})
export class EmbeddedAppModule {
  static compose(config: AppConfig, logger: Logger): DynamicModule {
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
