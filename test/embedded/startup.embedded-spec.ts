import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../interop/support/embedded-process';

// `npm start` as a newcomer runs it (the built entry point; `npm test` builds first).
const MAIN = join(__dirname, '../../dist/apps/embedded/src/main.js');
jest.setTimeout(60_000);

async function portsEnv(): Promise<Record<string, string>> {
  const [http, https, grpc] = await freePorts(3);
  return { STS_HTTP_PORT: String(http), STS_HTTPS_PORT: String(https), STS_GRPC_PORT: String(grpc) };
}

/** Whether anything accepts a connection on the port: a health answer from there would not be ours. */
const listening = (port: number) =>
  new Promise<boolean>((ok) => {
    const socket = connect({ host: '127.0.0.1', port }, () => (socket.destroy(), ok(true)));
    socket.on('error', () => ok(false));
  });

describe('npm start (embedded mode)', () => {
  it('refuses a bad configuration value with one line naming the variable', () => {
    const run = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, STS_HTTP_PORT: 'abc', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-cfg-')) }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/STS_HTTP_PORT/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses with one line too a setting found wrong only when it is used (plaintext gRPC off loopback)', async () => {
    const env = { PATH: process.env.PATH, ...(await portsEnv()), STS_HOST: '0.0.0.0', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-cfg-')) };
    const run = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/STS_GRPC_TLS/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('answers /healthz, prints the bootstrap credentials once, and keeps them in a 0600 file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opensts-start-'));
    const env = { PATH: process.env.PATH, STS_DATA_DIR: dataDir, ...(await portsEnv()) };
    const first = await runUntilHealthy(env);
    expect(first.stdout).toMatch(/AccessKeyId\s+LTAI[A-Za-z0-9]{20}/);
    expect(first.stdout).toMatch(/AccessKeySecret\s+[A-Za-z0-9]{30}/);
    expect(first.health).toEqual({ status: 'ok' });
    const file = join(dataDir, 'bootstrap-credentials.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(first.stdout).toContain(saved.AccessKeySecret ?? saved.accessKeySecret);

    const second = await runUntilHealthy(env); // same data dir: no new account, nothing printed
    expect(second.stdout).not.toMatch(/AccessKeySecret/);
  });
});

async function runUntilHealthy(env: NodeJS.ProcessEnv): Promise<{ stdout: string; health: unknown }> {
  if (await listening(Number(env.STS_HTTP_PORT))) throw new Error(`port ${env.STS_HTTP_PORT} already answers: its /healthz would not be this process's`);
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  try {
    const deadline = Date.now() + 45_000;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${env.STS_HTTP_PORT}/healthz`);
        // an answer counts only while the child still runs (it exits when it cannot bind the port)
        if (res.ok && child.exitCode === null) return { stdout: stdout.split('\n').filter((l) => !l.startsWith('{')).join('\n'), health: await res.json() };
      } catch {
        // not up yet
      }
      if (child.exitCode !== null) throw new Error(`exited early:\n${stdout}`);
      if (Date.now() > deadline) throw new Error(`not healthy in time:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
