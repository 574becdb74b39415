import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Server, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../platform.constants';
import { grpcServerCredentials } from './grpc-credentials';

/**
 * The process's one gRPC server on STS_GRPC_PORT. Modules add their services during
 * onModuleInit; the server binds at bootstrap, after every module registered.
 */
@Injectable()
export class GrpcServerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GrpcServerHost.name);
  private readonly server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024, 'grpc.keepalive_permit_without_calls': 1 });
  private services = 0;
  private boundPort?: number;

  constructor(@Inject(APP_CONFIG) private readonly cfg: AppConfig) {}

  addService(definition: ServiceDefinition, implementation: UntypedServiceImplementation): void {
    this.server.addService(definition, implementation);
    this.services++;
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.services === 0) return;
    const address = `${this.cfg.STS_HOST.includes(':') ? `[${this.cfg.STS_HOST}]` : this.cfg.STS_HOST}:${this.cfg.STS_GRPC_PORT}`;
    this.boundPort = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(address, grpcServerCredentials(this.cfg), (err, port) => (err ? reject(err) : resolve(port))),
    );
    this.logger.log(`gRPC listening on ${address}`);
  }

  /**
   * Before any module's onApplicationShutdown: the databases and the replay cache close there, and
   * calls still draining would otherwise fail with InternalError during a rolling restart.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.services === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 5_000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
