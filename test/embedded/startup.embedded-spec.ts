import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm start` as a newcomer runs it (the built entry point; `npm test` builds first).
const MAIN = join(__dirname, '../../dist/apps/embedded/src/main.js');
jest.setTimeout(60_000);

function freePorts(): Record<string, string> {
  const base = 20_000 + Math.floor(Math.random() * 10_000); // below the ephemeral port range (32768+)
  return { STS_HTTP_PORT: String(base), STS_HTTPS_PORT: String(base + 1), STS_GRPC_PORT: String(base + 2) };
}

describe('npm start (embedded mode)', () => {
  it('refuses a bad configuration value with one line naming the variable', () => {
    const run = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, STS_HTTP_PORT: 'abc', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-cfg-')) }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/STS_HTTP_PORT/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses with one line too a setting found wrong only when it is used (plaintext gRPC off loopback)', () => {
    const env = { PATH: process.env.PATH, ...freePorts(), STS_HOST: '0.0.0.0', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-cfg-')) };
    const run = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/STS_GRPC_TLS/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('answers /healthz, prints the bootstrap credentials once, and keeps them in a 0600 file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opensts-start-'));
    const env = { PATH: process.env.PATH, STS_DATA_DIR: dataDir, ...freePorts() };
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
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  try {
    const deadline = Date.now() + 45_000;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${env.STS_HTTP_PORT}/healthz`);
        if (res.ok) return { stdout: stdout.split('\n').filter((l) => !l.startsWith('{')).join('\n'), health: await res.json() };
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
