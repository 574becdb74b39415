import './telemetry';
import { runService } from '@opensts/platform';
import { TokenIssuanceAppModule } from './token-issuance-app.module';

void runService({
  name: 'token-issuance',
  rootModule: (cfg, logger) => TokenIssuanceAppModule.standalone(cfg, logger),
  httpPort: (cfg) => cfg.STS_HEALTH_PORT ?? cfg.STS_HTTP_PORT,
});
