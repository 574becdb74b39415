import './telemetry';
import { runService } from '@opensts/platform';
import { gatewayFastifyAdapter } from './http/http-server.options';
import { GatewayAppModule } from './gateway-app.module';

void runService({
  name: 'gateway',
  rootModule: (cfg, logger) => GatewayAppModule.standalone(cfg, logger),
  httpPort: (cfg) => cfg.STS_HTTP_PORT,
  adapter: gatewayFastifyAdapter,
});
