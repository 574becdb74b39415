import './telemetry';
import { runService } from '@opensts/platform';
import { IdentityDirectoryAppModule } from './identity-directory-app.module';

void runService({
  name: 'identity-directory',
  rootModule: (cfg, logger) => IdentityDirectoryAppModule.standalone(cfg, logger),
  httpPort: (cfg) => cfg.STS_HEALTH_PORT ?? cfg.STS_HTTP_PORT,
});
