/**
 * `npm start`'s process (apps/embedded: every service in one process, SQLite, in-process bus) on
 * a free port, with the bootstrap root key of BENCH_ROOT; prints `READY <port>` once ready. The
 * data directory comes from BENCH_DATA_DIR so that the directory built in the first round
 * survives the restarts of the next ones.
 */
import { createServer } from 'node:net';
import { BENCH_ROOT } from './real-directory';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function main(): Promise<void> {
  const [http, grpc] = [await freePort(), await freePort()];
  Object.assign(process.env, {
    STS_MODE: 'embedded',
    STS_DATA_DIR: process.env.BENCH_DATA_DIR,
    STS_HTTP_PORT: String(http),
    STS_GRPC_PORT: String(grpc),
    STS_GATEWAY_HTTPS: 'false',
    STS_LOG_LEVEL: 'warn',
    STS_BOOTSTRAP_ACCOUNT_ID: BENCH_ROOT.accountId,
    STS_BOOTSTRAP_ACCESS_KEY_ID: BENCH_ROOT.accessKeyId,
    STS_BOOTSTRAP_ACCESS_KEY_SECRET: BENCH_ROOT.accessKeySecret,
  });
  await import('../../apps/embedded/src/main'); // after the environment is set: it reads it at start
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${http}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(`READY ${http}\n`);
}

void main();
