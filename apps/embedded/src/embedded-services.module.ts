import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, CoreModule, EventBus, readinessChecksProvider } from '@opensts/platform';
import { AuditModule } from '../../audit/src/audit-app.module';
import { IdentityDirectoryModule } from '../../identity-directory/src/identity-directory-app.module';
import { PolicyModule } from '../../policy/src/policy-app.module';
import { TokenIssuanceModule } from '../../token-issuance/src/token-issuance-app.module';

/** The services thread of `npm start` (ADR 0013): every service but the gateway, each with its SQLite file. */
@Module({})
export class EmbeddedServicesModule {
  static compose(config: AppConfig, logger: Logger, bus: EventBus): DynamicModule {
    return {
      module: EmbeddedServicesModule,
      imports: [
        CoreModule.forRoot({ config, logger, clientId: 'opensts', bus }),
        IdentityDirectoryModule.register(),
        PolicyModule.register(),
        TokenIssuanceModule.register(),
        AuditModule.register(),
      ],
      providers: [readinessChecksProvider(['identity-directory', 'policy', 'token-issuance', 'audit', 'nonces'])],
    };
  }
}
