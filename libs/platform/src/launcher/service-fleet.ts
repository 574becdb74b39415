import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceName } from '../config';
import { ensureDevPki, ServiceTlsFiles } from './dev-pki';
import { ServiceProcess } from './service-process';
import { DISTRIBUTED_PORTS, SERVICES } from './service-ports';

export interface FleetOptions {
  /** Where logs, the development PKI and the shared keys live. */
  dataDir: string;
  /** Extra environment for every process (e.g. KAFKA_BROKERS, DATABASE_URL_*). */
  env?: NodeJS.ProcessEnv;
  echo?: boolean;
  /** Added to every default port, so a test fleet does not collide with a running one. */
  portOffset?: number;
  /**
   * Where the gRPC ports start instead of 50000 (50051, 50061, 50062 become base+51, +61, +62,
   * before the offset). Test fleets move them below the kernel's ephemeral range (32768–60999 on
   * Linux): a port there can be held for a moment by any outgoing connection (a Kafka or
   * PostgreSQL client), and a service binding it then stops with EADDRINUSE.
   */
  grpcPortBase?: number;
  distDir?: string;
}

export interface InstanceOverrides {
  instance?: string;
  httpPort?: number;
  httpsPort?: number;
  grpcPort?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * The distributed mode on one machine: every service its own OS process over Kafka and
 * PostgreSQL, mutual TLS between them. Used by `npm run start:distributed` and the e2e tests
 * (which also start second instances and kill -9 them).
 */
export class ServiceFleet {
  readonly processes: ServiceProcess[] = [];
  private pki?: ServiceTlsFiles;
  private readonly dir: string;

  constructor(readonly options: FleetOptions) {
    this.dir = resolve(options.dataDir);
  }

  port(service: ServiceName, kind: 'http' | 'https' | 'grpc'): number {
    const p = DISTRIBUTED_PORTS[service][kind];
    if (p === undefined) throw new Error(`${service} has no ${kind} port`);
    const base = kind === 'grpc' && this.options.grpcPortBase !== undefined ? p - 50_000 + this.options.grpcPortBase : p;
    return base + (this.options.portOffset ?? 0);
  }

  async prepare(): Promise<ServiceTlsFiles> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.pki ??= await ensureDevPki(join(this.dir, 'tls'));
    return this.pki;
  }

  /** Shared secrets of the fleet: the master key (secrets at rest) and the SecurityToken key ring. */
  private sharedKeys(): { masterKeyFile: string; tokenKeys: string } {
    const masterKeyFile = join(this.dir, 'master.key');
    if (!existsSync(masterKeyFile)) writeFileSync(masterKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const tokenKeysFile = join(this.dir, 'token-keys');
    if (!existsSync(tokenKeysFile)) writeFileSync(tokenKeysFile, `k1:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
    return { masterKeyFile, tokenKeys: readFileSync(tokenKeysFile, 'utf8').trim() };
  }

  envFor(service: ServiceName, o: InstanceOverrides = {}): NodeJS.ProcessEnv {
    if (!this.pki) throw new Error('call prepare() first');
    const keys = this.sharedKeys();
    const has = DISTRIBUTED_PORTS[service];
    return {
      PATH: process.env.PATH,
      NODE_ENV: process.env.NODE_ENV,
      ...this.options.env,
      STS_MODE: 'distributed',
      STS_INSTANCE_ID: o.instance ?? service,
      STS_DATA_DIR: join(this.dir, 'data', o.instance ?? service),
      STS_HTTP_PORT: String(o.httpPort ?? this.port(service, 'http')),
      ...(has.https ? { STS_HTTPS_PORT: String(o.httpsPort ?? this.port(service, 'https')) } : {}),
      ...(has.grpc ? { STS_GRPC_PORT: String(o.grpcPort ?? this.port(service, 'grpc')) } : {}),
      STS_GRPC_TLS: 'mtls',
      STS_TLS_CA_FILE: this.pki.caFile,
      STS_TLS_CERT_FILE: this.pki.services[service].certFile,
      STS_TLS_KEY_FILE: this.pki.services[service].keyFile,
      STS_IDENTITY_GRPC_URL: `127.0.0.1:${this.port('identity-directory', 'grpc')}`,
      STS_POLICY_GRPC_URL: `127.0.0.1:${this.port('policy', 'grpc')}`,
      STS_ISSUANCE_GRPC_URL: `127.0.0.1:${this.port('token-issuance', 'grpc')}`,
      STS_MASTER_KEY_FILE: keys.masterKeyFile,
      STS_TOKEN_KEYS: keys.tokenKeys,
      ...o.env,
    };
  }

  async start(service: ServiceName, o: InstanceOverrides = {}): Promise<ServiceProcess> {
    await this.prepare();
    const env = this.envFor(service, o);
    const proc = new ServiceProcess({
      service,
      instance: o.instance ?? service,
      env,
      healthPort: Number(env.STS_HTTP_PORT),
      logDir: join(this.dir, 'logs'),
      echo: this.options.echo,
      distDir: this.options.distDir,
    });
    this.processes.push(proc);
    await proc.start();
    return proc;
  }

  /** Every service once, dependencies first. */
  async startAll(): Promise<void> {
    for (const service of SERVICES) await this.start(service);
  }

  async stopAll(): Promise<void> {
    for (const p of [...this.processes].reverse()) await p.stop();
  }
}
