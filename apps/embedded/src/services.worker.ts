// The services thread of `npm start` (ADR 0013). Telemetry first, as in every main.ts.
import './telemetry';
import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { ActionRegistry, createLogger, loadConfig, NestPinoLogger, PortChannel, PortEventBus, READINESS_CHECKS, ReadinessCheck, serveActionsOnPort } from '@opensts/platform';
import { EmbeddedServicesModule } from './embedded-services.module';
import { ServicesStart, ServicesThreadRequests } from './services-thread';

const channel = new PortChannel(parentPort!);
const bus = new PortEventBus(channel);

channel.handle<ServicesStart, Promise<ServicesStart>>(ServicesThreadRequests.start, async ({ topics }) => {
  bus.connect(topics);
  const cfg = loadConfig(); // validated by the main thread already
  const logger = createLogger('opensts', cfg.STS_LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(EmbeddedServicesModule.compose(cfg, logger, bus), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  serveActionsOnPort(channel, app.get(ActionRegistry));
  const checks = app.get<ReadinessCheck[]>(READINESS_CHECKS);
  channel.handle(ServicesThreadRequests.ready, async () => (await Promise.all(checks.map((c) => c.check().catch(() => false)))).every(Boolean));
  channel.handle(ServicesThreadRequests.stop, () => app.close());
  return { topics: bus.localTopics() };
});
