import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gatewayFastifyAdapter } from '../src/http/http-server.options';
import { AppConfig, CoreModule, createLogger, EventBus, HealthHttpController, loadConfig, loadMasterKeyRing, loadTokenKeyRing, NestPinoLogger, readinessChecksProvider } from '@opensts/platform';
import { SecretBox } from '@opensts/sts-core/crypto';
import { Topics, type EventEnvelope } from '@opensts/sts-core/events';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { GatewayModule } from '../src/gateway-app.module';
import type { GatewayOptions } from '../src/config/gateway-options';
import { ThrottleClock } from '../src/throttling/throttle.clock';
import { HttpsListener } from '../src/tls/https.listener';
import { ALICE, BOB, directoryEvents } from './directory.fixtures';
import { FakeServicesModule } from './fake-services';

export interface GatewayTestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** `127.0.0.1:<port>` of the plain-HTTP listener (what the Tea SDKs take as endpoint). */
  httpHost: string;
  httpsHost: string;
  /** PEM of the embedded CA the HTTPS certificate chains to (empty when HTTPS is off). */
  caPem: string;
  box: SecretBox;
  codec: SecurityTokenCodec;
  publish(...envelopes: EventEnvelope[]): Promise<void>;
  /** Stops the throttle's clock where it is: token buckets then refill only as far as `advance` moves it. */
  holdThrottleClock(): { advance(ms: number): void };
  close(): Promise<void>;
}

/**
 * The gateway in embedded mode (SQLite, in-process bus) on real ports, with fake STS/RAM services
 * and a directory seeded by events: the root key, alice (active key) and bob (inactive key).
 */
export async function startGatewayTestApp(
  options: { overrides?: Partial<GatewayOptions>; env?: Record<string, string>; dataDir?: string; logs?: DestinationStream } = {},
): Promise<GatewayTestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'opensts-gateway-'));
  const config = loadConfig({
    STS_MODE: 'embedded',
    STS_DATA_DIR: dataDir,
    STS_HTTP_PORT: '0',
    STS_HTTPS_PORT: '0',
    STS_MASTER_KEY: randomBytes(32).toString('base64'),
    STS_LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = createLogger('gateway-test', config.STS_LOG_LEVEL, options.logs);

  @Module({
    imports: [CoreModule.forRoot({ config, logger, clientId: 'test' }), GatewayModule.register({ https: true, ...options.overrides }), FakeServicesModule],
    controllers: [HealthHttpController],
    providers: [readinessChecksProvider(['gateway'])],
  })
  class TestRootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(TestRootModule, gatewayFastifyAdapter(), { logger: new NestPinoLogger(logger), abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const https = app.get(HttpsListener);
  await https.whenListening();
  const bus = app.get(EventBus);
  const box = new SecretBox(loadMasterKeyRing(config));
  const publish = async (...envelopes: EventEnvelope[]) => {
    await bus.publish(envelopes.map((envelope) => ({ topic: envelope.type.startsWith('Polic') ? Topics.policy : Topics.identity, key: envelope.aggregateId, envelope })));
  };
  await publish(
    directoryEvents.account(),
    directoryEvents.rootKey(box),
    directoryEvents.user(ALICE),
    directoryEvents.userKey(box, ALICE),
    directoryEvents.user(BOB),
    directoryEvents.userKey(box, BOB, 'Inactive'),
    directoryEvents.role(),
  );
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    httpHost: `127.0.0.1:${address.port}`,
    httpsHost: `127.0.0.1:${https.port}`,
    caPem: https.port ? readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8') : '',
    box,
    codec: new SecurityTokenCodec(loadTokenKeyRing(config)),
    publish,
    holdThrottleClock: () => {
      const clock = app.get(ThrottleClock);
      let nowMs = clock.nowMs();
      clock.nowMs = () => nowMs;
      return {
        advance: (ms) => {
          nowMs += ms;
        },
      };
    },
    close: () => app.close(),
  };
}
