import './telemetry';
import { runService } from '@opensts/platform';
import { AuditAppModule } from './audit-app.module';

void runService({
  name: 'audit',
  rootModule: (cfg, logger) => AuditAppModule.standalone(cfg, logger),
  httpPort: (cfg) => cfg.STS_HEALTH_PORT ?? cfg.STS_HTTP_PORT,
});
