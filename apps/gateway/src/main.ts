import './telemetry';
import { runService } from '@opensts/platform';
import { GatewayAppModule } from './gateway-app.module';

void runService({
  name: 'gateway',
  rootModule: (cfg, logger) => GatewayAppModule.standalone(cfg, logger),
  httpPort: (cfg) => cfg.STS_HTTP_PORT,
});
