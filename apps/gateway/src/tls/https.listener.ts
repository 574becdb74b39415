import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Subscription } from 'rxjs';
import { APP_CONFIG, type AppConfig, ensureEmbeddedTls } from '@opensts/platform';
import type { GatewayOptions } from '../config/gateway-options';
import { GATEWAY_OPTIONS } from '../gateway.constants';
import { answerClientError, GATEWAY_MAX_HEADER_BYTES } from '../http/http-server.options';

/**
 * HTTPS on STS_HTTPS_PORT, next to the plain-HTTP listener Nest opens on STS_HTTP_PORT. Both feed
 * the same Fastify instance (`fastify.routing`), so they serve the same routes; a request's socket
 * says which one it came through (`acs:SecureTransport`). Started once the HTTP listener is up,
 * when every route is registered. Certificate: STS_TLS_CERT_FILE/STS_TLS_KEY_FILE, or in embedded
 * mode the one generated under STS_DATA_DIR/tls (clients trust its ca.pem).
 */
/** How long a shutdown waits for HTTPS requests in flight, as GrpcServerHost does for calls. */
const HTTPS_DRAIN_MS = 5_000;

@Injectable()
export class HttpsListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HttpsListener.name);
  private server?: Server;
  private subscription?: Subscription;
  private started?: Promise<void>;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  /** The port actually bound (STS_HTTPS_PORT=0 picks a free one), once listening. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  /** Resolves when HTTPS is listening (or will not be). */
  whenListening(): Promise<void> {
    return this.started ?? Promise.resolve();
  }

  onApplicationBootstrap(): void {
    if (!this.options.https) return;
    let resolve!: () => void;
    this.started = new Promise<void>((r) => (resolve = r));
    this.subscription = this.adapterHost.listen$.subscribe(() =>
      void this.listen()
        .catch((err: Error) => this.logger.error(`HTTPS not listening on ${this.cfg.STS_HOST}:${this.cfg.STS_HTTPS_PORT}: ${err.message}`))
        .finally(resolve),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    const server = this.server;
    if (!server) return;
    // in-flight requests finish (their change may be committed: the client must get the answer);
    // idle keep-alive connections close now, and whatever is still open after the grace period
    await new Promise<void>((r) => {
      const force = setTimeout(() => server.closeAllConnections(), HTTPS_DRAIN_MS);
      // a keep-alive connection whose request finishes after close() stays open by itself
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.close(() => {
        clearTimeout(force);
        clearInterval(idle);
        r();
      });
      server.closeIdleConnections();
    });
  }

  private async listen(): Promise<void> {
    const tls = await this.certificate();
    if (!tls) {
      this.logger.warn('HTTPS is off: set STS_TLS_CERT_FILE and STS_TLS_KEY_FILE');
      return;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const server = createServer({ cert: tls.cert, key: tls.key, keepAliveTimeout: 72_000, maxHeaderSize: GATEWAY_MAX_HEADER_BYTES }, (req, res) => fastify.routing(req, res));
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.cfg.STS_HTTPS_PORT, this.cfg.STS_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`HTTPS listening on ${this.cfg.STS_HOST}:${this.port}`);
  }

  private async certificate(): Promise<{ cert: Buffer; key: Buffer } | undefined> {
    let files = this.cfg.STS_TLS_CERT_FILE && this.cfg.STS_TLS_KEY_FILE ? { certFile: this.cfg.STS_TLS_CERT_FILE, keyFile: this.cfg.STS_TLS_KEY_FILE } : undefined;
    if (!files && this.cfg.STS_MODE === 'embedded') files = await ensureEmbeddedTls(this.cfg.STS_DATA_DIR);
    return files && { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
  }
}
