import 'reflect-metadata';
import { DynamicModule, INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppConfig, ConfigError, loadConfig } from '../config';
import { withServicePorts } from '../launcher/service-ports';
import { createLogger, NestPinoLogger } from '../logging';

export interface ServiceBootstrap {
  /** Log name and Kafka client id. */
  name: string;
  /** Builds the root module from the validated configuration. */
  rootModule: (cfg: AppConfig, logger: Logger) => DynamicModule | Promise<DynamicModule>;
  /** HTTP port for the API (gateway) or health endpoints (other services). */
  httpPort: (cfg: AppConfig) => number;
  /** Fastify options, e.g. a serverFactory that also serves HTTPS. */
  adapter?: (cfg: AppConfig) => FastifyAdapter | Promise<FastifyAdapter>;
  /** Runs after the app listens (extra listeners, first-start messages). */
  afterListen?: (app: NestFastifyApplication, cfg: AppConfig, logger: Logger) => Promise<void>;
}

/**
 * Starts one OpenSTS process: validates configuration (a bad value stops the process with one
 * line naming the variable), builds the Nest app on Fastify and listens. Telemetry must already
 * be started by the app's main.ts, before anything imports http, pg or grpc.
 */
export async function runService(spec: ServiceBootstrap): Promise<INestApplication> {
  let cfg: AppConfig;
  try {
    cfg = loadConfig(withServicePorts(spec.name, process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${spec.name}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(spec.name, cfg.STS_LOG_LEVEL);
  try {
    const adapter = spec.adapter ? await spec.adapter(cfg) : new FastifyAdapter();
    const app = await NestFactory.create<NestFastifyApplication>(await spec.rootModule(cfg, logger), adapter, {
      logger: new NestPinoLogger(logger),
      bufferLogs: false,
      abortOnError: false,
    });
    app.enableShutdownHooks();
    await app.listen(spec.httpPort(cfg), cfg.STS_HOST);
    await spec.afterListen?.(app, cfg, logger);
    logger.info({ mode: cfg.STS_MODE, httpPort: spec.httpPort(cfg) }, `${spec.name} started`);
    return app;
  } catch (err) {
    // start-up failures are operator-facing: say what failed, then stop non-zero; a setting
    // refused only once it is used (a plaintext gRPC listener off loopback…) is still one line
    const config = configErrorIn(err);
    if (config) {
      logger.flush?.();
      process.stderr.write(`${spec.name}: ${config.message}\n`);
      process.exit(1);
    }
    new NestLogger(spec.name).error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    logger.flush?.();
    process.exit(1);
  }
}

/** The ConfigError behind a start-up failure, if any (Nest may wrap what a provider threw). */
function configErrorIn(err: unknown): ConfigError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e instanceof ConfigError) return e;
  return undefined;
}
