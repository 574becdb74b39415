/**
 * What both gRPC benchmarks stand on: token-issuance in distributed mode (its own process,
 * PostgreSQL, Kafka, mutual TLS) from a fresh database and Kafka namespace, a directory seeded by
 * publishing identity and policy events on Kafka (as the directory services would), and the bare
 * grpc-js echo server with the same TLS as the baseline.
 */
import { fork, ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChannelCredentials, credentials } from '@grpc/grpc-js';
import { parseKeyRing, SecretBox } from '../../libs/sts-core/src/crypto';
import { KafkaEventBus } from '../../libs/platform/src/bus';
import { ServiceFleet } from '../../libs/platform/src/launcher';
import { TEST_GRPC_PORT_BASE } from '../../test/support/e2e-fleet';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from '../../test/support/infra';
import { seedDirectory, SeededDirectory } from '../../apps/token-issuance/test/directory-events';
import { TokenServicePromiseClient } from '../../apps/token-issuance/test/token-service.client';
import type { RawTls } from './raw-grpc.client';

export interface BenchFleet {
  issuancePid: number | undefined;
  echoPid: number | undefined;
  issuanceAddress: string;
  echoAddress: string;
  directory: SeededDirectory;
  /** Client credentials of the gateway's certificate (mutual TLS). */
  gatewayCredentials: ChannelCredentials;
  /** The same certificate as PEM, for the raw HTTP/2 load generator. */
  gatewayTls: RawTls;
  client: (address: string, connection: number) => TokenServicePromiseClient;
  stop: () => Promise<void>;
}

export async function startBenchFleet(label: string, portOffset: number): Promise<BenchFleet> {
  await requireInfra();
  const db = await freshDatabase(`bench_${label}`);
  const namespace = `bench-${label}-${uniqueSuffix()}.`;
  const dataDir = mkdtempSync(join(tmpdir(), `opensts-bench-${label}-`));
  const fleet = new ServiceFleet({
    dataDir,
    portOffset,
    grpcPortBase: TEST_GRPC_PORT_BASE,
    // the service runs from the bench's own build (swc output root, two levels up from here), so a
    // concurrent `npm run build` or a clean-up of dist/ processes elsewhere cannot touch it
    distDir: process.env.OPENSTS_DIST ?? resolve(__dirname, '../..'),
    env: {
      KAFKA_BROKERS: INFRA.kafkaBrokers.join(','),
      KAFKA_NAMESPACE: namespace,
      DATABASE_URL_ISSUANCE: db.url,
      DATABASE_URL_NONCES: db.url,
      STS_LOG_LEVEL: 'warn',
      NODE_PATH: process.env.NODE_PATH ?? resolve('node_modules'),
      // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the service under load
      ...(process.env.BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS } : {}),
    },
  });
  const pki = await fleet.prepare();
  const issuance = await fleet.start('token-issuance');

  const box = new SecretBox(parseKeyRing(`file:${join(dataDir, 'master.key')}`));
  const directory = seedDirectory(box, { maxSessionDuration: 3600 });
  const bus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'bench-seeder', namespace });
  await bus.start();
  await bus.publish(directory.messages);
  await bus.stop();

  const echoPort = String(fleet.port('token-issuance', 'grpc') + 1);
  const echo: ChildProcess = fork(join(__dirname, 'echo-server.js'), [], {
    env: { ...process.env, ECHO_PORT: echoPort, STS_TLS_CA_FILE: pki.caFile, STS_TLS_CERT_FILE: pki.services['token-issuance'].certFile, STS_TLS_KEY_FILE: pki.services['token-issuance'].keyFile },
  });
  process.once('exit', () => echo.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    echo.once('message', () => resolve());
    echo.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });

  const gateway = pki.services.gateway;
  const gatewayTls = { ca: readFileSync(pki.caFile), key: readFileSync(gateway.keyFile), cert: readFileSync(gateway.certFile) };
  const gatewayCredentials = credentials.createSsl(gatewayTls.ca, gatewayTls.key, gatewayTls.cert);
  const issuanceAddress = `127.0.0.1:${fleet.port('token-issuance', 'grpc')}`;
  return {
    issuancePid: issuance.pid,
    echoPid: echo.pid,
    issuanceAddress,
    echoAddress: `127.0.0.1:${echoPort}`,
    directory,
    gatewayCredentials,
    gatewayTls,
    // a channel of its own per connection index: separate HTTP/2 connections, as separate clients would have
    client: (address, connection) => new TokenServicePromiseClient(address, gatewayCredentials, { 'grpc.use_local_subchannel_pool': 1, 'bench.connection': connection } as never),
    stop: async () => {
      echo.kill('SIGKILL');
      await fleet.stopAll();
      await db.drop().catch(() => undefined);
    },
  };
}

/** Polls until token-issuance knows the seeded role (its directory view follows Kafka). */
export async function waitUntilIssuing(attempt: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
