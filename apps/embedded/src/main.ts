import './telemetry';
import { runService } from '@opensts/platform';
import { gatewayFastifyAdapter } from '../../gateway/src/http/http-server.options';
import { EmbeddedAppModule } from './embedded-app.module';

void runService({
  name: 'opensts',
  rootModule: (cfg, logger) => {
    if (cfg.STS_MODE !== 'embedded') throw new Error('apps/embedded runs only with STS_MODE=embedded; use npm run start:distributed');
    return EmbeddedAppModule.compose(cfg, logger);
  },
  httpPort: (cfg) => cfg.STS_HTTP_PORT,
  adapter: gatewayFastifyAdapter,
});
