import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import type { Logger } from 'pino';
import { ActionBody, ActionRegistry, AppConfig, createLogger, loadConfig, NestPinoLogger, RequestContextStore } from '@opensts/platform';
import { ensureDevPki, ServiceTlsFiles } from '@opensts/platform/launcher';
import type { CallerPrincipal } from '@opensts/sts-core/principal';

/** A free loopback TCP port (the OS picks it; closed again before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface FleetSettings {
  namespace: string;
  masterKey: string;
  pki: ServiceTlsFiles;
  ports: { identity: number; policy: number };
}

export async function fleetSettings(namespace: string): Promise<FleetSettings> {
  return {
    namespace,
    masterKey: randomBytes(32).toString('base64'),
    pki: await ensureDevPki(mkdtempSync(join(tmpdir(), 'opensts-pki-'))),
    ports: { identity: await freePort(), policy: await freePort() },
  };
}

/** The configuration one service process would get from the launcher (distributed mode, mTLS). */
export function distributedConfig(s: FleetSettings, service: 'identity-directory' | 'policy' | 'gateway', databaseUrl: string): AppConfig {
  const cert = s.pki.services[service];
  return loadConfig({
    STS_MODE: 'distributed',
    STS_DATA_DIR: mkdtempSync(join(tmpdir(), `opensts-${service}-`)),
    STS_GRPC_PORT: String(service === 'policy' ? s.ports.policy : s.ports.identity),
    STS_GRPC_TLS: 'mtls',
    STS_TLS_CA_FILE: s.pki.caFile,
    STS_TLS_CERT_FILE: cert.certFile,
    STS_TLS_KEY_FILE: cert.keyFile,
    STS_IDENTITY_GRPC_URL: `127.0.0.1:${s.ports.identity}`,
    STS_POLICY_GRPC_URL: `127.0.0.1:${s.ports.policy}`,
    STS_MASTER_KEY: s.masterKey,
    KAFKA_NAMESPACE: s.namespace,
    ...(service === 'policy' ? { DATABASE_URL_POLICY: databaseUrl } : { DATABASE_URL_IDENTITY: databaseUrl }),
  });
}

export interface RunningService {
  module: TestingModule;
  /** Every line the service logged (pino JSON, the level at debug). */
  logs: string[];
  invoke(principal: CallerPrincipal, action: string, params: Record<string, string>, product?: 'Ram' | 'Ims'): Promise<ActionBody>;
  close(): Promise<void>;
}

/** Starts a service's standalone root module in this process, its logs captured. */
export async function startService(name: string, root: (cfg: AppConfig, logger: Logger) => DynamicModule, cfg: AppConfig): Promise<RunningService> {
  const logs: string[] = [];
  const logger = createLogger(name, 'debug', { write: (line: string) => void logs.push(line) });
  const module = await Test.createTestingModule({ imports: [root(cfg, logger)] }).compile();
  module.useLogger(new NestPinoLogger(logger));
  await module.init();
  const registry = module.get(ActionRegistry);
  return {
    module,
    logs,
    invoke: (principal, action, params, product = 'Ram') =>
      RequestContextStore.run({ requestId: `REQ-${action}` }, () =>
        registry.invoke({ product, action, version: product === 'Ims' ? '2019-08-15' : '2015-05-01', params, principal, context: { requestId: `REQ-${action}`, sourceIp: '127.0.0.1', secureTransport: true } }),
      ),
    close: () => module.close(),
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
