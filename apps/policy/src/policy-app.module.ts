import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ActionGrpcService, AppConfig, CoreModule, HealthHttpController, readinessChecksProvider, ServicePersistenceModule } from '@opensts/platform';
import { PolicyTables1764400001000 } from './infrastructure/policy-tables.migration';
import { AttachmentEntity } from './policies/attachments/attachment.entity';
import { PoliciesModule } from './policies/policies.module';
import { PolicyEntity, PolicyVersionEntity } from './policies/policy.entity';
import { PrincipalEntity } from './policies/principals/principal.entity';

export const POLICY_ENTITIES = [PolicyEntity, PolicyVersionEntity, AttachmentEntity, PrincipalEntity];
export const POLICY_MIGRATIONS = [PolicyTables1764400001000];

/** The policy service: custom and built-in policies, versions and attachments (RAM policy actions). */
@Module({})
export class PolicyModule {
  static register(): DynamicModule {
    const persistence = ServicePersistenceModule.forService({ service: 'policy', entities: POLICY_ENTITIES, migrations: POLICY_MIGRATIONS });
    return { module: PolicyModule, imports: [persistence, PoliciesModule.register(persistence)], exports: [persistence] };
  }
}

/** Root module when the policy service runs as its own process. */
@Module({})
export class PolicyAppModule {
  static standalone(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: PolicyAppModule,
      imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts-policy' }), PolicyModule.register()],
      controllers: [HealthHttpController],
      providers: [readinessChecksProvider(['policy']), ActionGrpcService],
    };
  }
}
