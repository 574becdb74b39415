import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ActionGrpcService, AppConfig, CoreModule, HealthHttpController, readinessChecksProvider, ServicePersistenceModule } from '@opensts/platform';
import { AccessKeyEntity } from './directory/access-keys/access-key.entity';
import { AccountEntity, BootstrapMarkerEntity } from './directory/accounts/account.entity';
import { DirectoryModule } from './directory/directory.module';
import { RoleEntity } from './directory/roles/role.entity';
import { UserEntity } from './directory/users/user.entity';
import { FederationModule } from './federation/federation.module';
import { OidcProviderEntity } from './federation/oidc/oidc-provider.entity';
import { SamlProviderEntity } from './federation/saml/saml-provider.entity';
import { IdentityTables1764400000000 } from './infrastructure/identity-tables.migration';

export const IDENTITY_ENTITIES = [AccountEntity, BootstrapMarkerEntity, UserEntity, AccessKeyEntity, RoleEntity, SamlProviderEntity, OidcProviderEntity];
export const IDENTITY_MIGRATIONS = [IdentityTables1764400000000];

/** identity-directory: accounts, RAM users, AccessKeys, roles and identity providers (RAM/IMS identity actions). */
@Module({})
export class IdentityDirectoryModule {
  static register(): DynamicModule {
    const persistence = ServicePersistenceModule.forService({ service: 'identity-directory', entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS });
    return {
      module: IdentityDirectoryModule,
      imports: [persistence, DirectoryModule.register(persistence), FederationModule.register(persistence)],
      exports: [persistence],
    };
  }
}

/** Root module when identity-directory runs as its own process. */
@Module({})
export class IdentityDirectoryAppModule {
  static standalone(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: IdentityDirectoryAppModule,
      imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts-identity-directory' }), IdentityDirectoryModule.register()],
      controllers: [HealthHttpController],
      providers: [readinessChecksProvider(['identity-directory']), ActionGrpcService],
    };
  }
}
