import './telemetry';
import { runService } from '@opensts/platform';
import { PolicyAppModule } from './policy-app.module';

void runService({
  name: 'policy',
  rootModule: (cfg, logger) => PolicyAppModule.standalone(cfg, logger),
  httpPort: (cfg) => cfg.STS_HEALTH_PORT ?? cfg.STS_HTTP_PORT,
});
