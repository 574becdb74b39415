import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import type { InteropTarget } from './interop-target';

const REPO = resolve(__dirname, '..', '..', '..');

export const EMBEDDED_ROOT = { accountId: '1234567890123456', accessKeyId: 'LTAI5tInteropRoot0000000', accessKeySecret: 'InteropRootSecret000000000000x' };

/** `count` distinct ports the OS had free on loopback, all held open together so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    await Promise.all(servers.map((server) => new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => ok()))));
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((r) => (server.listening ? server.close(r) : r(undefined)))));
  }
}

/** `npm run build`'s swc step into a private directory: the suite runs what the sources say now. */
async function compile(outDir: string): Promise<void> {
  await new Promise<void>((ok, fail) =>
    execFile(join(REPO, 'node_modules', '.bin', 'swc'), ['apps', 'libs', '-d', outDir, '--copy-files', '--quiet'], { cwd: REPO }, (err, _o, stderr) =>
      err ? fail(new Error(`swc failed: ${stderr}`)) : ok(),
    ),
  );
}

async function until(check: () => Promise<boolean>, what: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`embedded process exited (${child.exitCode}) before ${what}; see ${logFile}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`embedded process: no ${what} within ${timeoutMs} ms; see ${logFile}`);
}

const tlsUp = (port: number) =>
  new Promise<boolean>((ok) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => (socket.end(), ok(true)));
    socket.on('error', () => ok(false));
  });

/**
 * `npm start` as a user runs it — `node dist/apps/embedded/src/main.js`, every service in one
 * process — compiled from the current sources into a temporary directory, with a fresh
 * STS_DATA_DIR, free ports and the bootstrap root key; stopped with SIGTERM.
 */
export async function startEmbeddedProcess(env: Readonly<Record<string, string>> = {}): Promise<InteropTarget & { stop(): Promise<void>; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opensts-interop-'));
  const out = join(dataDir, 'build');
  await compile(out);
  const [http, https, grpc] = await freePorts(3);
  const tokenKeys = `k1:${randomBytes(32).toString('base64')}`;
  const logFile = join(dataDir, 'embedded.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [join(out, 'apps', 'embedded', 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_PATH: join(REPO, 'node_modules'),
      STS_MODE: 'embedded',
      STS_DATA_DIR: join(dataDir, 'data'),
      STS_HTTP_PORT: String(http),
      STS_HTTPS_PORT: String(https),
      STS_GRPC_PORT: String(grpc),
      STS_MASTER_KEY: randomBytes(32).toString('base64'),
      STS_TOKEN_KEYS: tokenKeys,
      STS_BOOTSTRAP_ACCOUNT_ID: EMBEDDED_ROOT.accountId,
      STS_BOOTSTRAP_ACCESS_KEY_ID: EMBEDDED_ROOT.accessKeyId,
      STS_BOOTSTRAP_ACCESS_KEY_SECRET: EMBEDDED_ROOT.accessKeySecret,
      STS_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  await until(async () => (await fetch(`http://127.0.0.1:${http}/readyz`)).status === 200, 'readiness', child, logFile);
  await until(() => tlsUp(https), 'HTTPS listener', child, logFile);
  const caFile = join(dataDir, 'data', 'tls', 'ca.pem');
  readFileSync(caFile); // generated on first start
  return {
    httpHost: `127.0.0.1:${http}`,
    httpsHost: `127.0.0.1:${https}`,
    caFile,
    root: EMBEDDED_ROOT,
    tokenKeys,
    dataDir,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
