import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, CoreModule, HealthHttpController, readinessChecksProvider, ServicePersistenceModule } from '@opensts/platform';
import { AuditRecordEntity } from './recording/audit-record.entity';
import { AuditRecorderConsumer } from './recording/audit-recorder.consumer';
import { AuditTables1764300001000 } from './infrastructure/audit-tables.migration';

const consumers = [AuditRecorderConsumer];

/** The audit service: records every domain event and republishes it on the versioned audit stream. */
@Module({})
export class AuditModule {
  static register(): DynamicModule {
    const persistence = ServicePersistenceModule.forService({ service: 'audit', entities: [AuditRecordEntity], migrations: [AuditTables1764300001000] });
    return { module: AuditModule, imports: [persistence], providers: [...consumers], exports: [persistence] };
  }
}

/** Root module when the audit service runs as its own process. */
@Module({})
export class AuditAppModule {
  static standalone(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AuditAppModule,
      imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts-audit' }), AuditModule.register()],
      controllers: [HealthHttpController],
      providers: [readinessChecksProvider(['audit'])],
    };
  }
}
