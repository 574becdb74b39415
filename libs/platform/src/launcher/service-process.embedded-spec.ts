import { createServer, Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from './service-process';

describe('ServiceProcess', () => {
  let squatter: Server;
  afterEach(() => new Promise((r) => squatter?.close(r)));

  it('refuses to start on a health port something already answers, instead of taking its readiness for its own', async () => {
    squatter = createServer((_req, res) => res.end('{"status":"ready"}'));
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as { port: number }).port;
    const logDir = mkdtempSync(join(tmpdir(), 'service-process-'));
    const service = new ServiceProcess({ service: 'policy', instance: 'policy', env: {}, healthPort: port, logDir, distDir: join(logDir, 'no-dist') });
    await expect(service.start(2_000)).rejects.toThrow(`policy: port ${port} already answers`);
    expect(service.pid).toBeUndefined(); // nothing was spawned
  });

  it("keeps the service's output in a log only its owner can read: a first start prints the root key there", async () => {
    const root = mkdtempSync(join(tmpdir(), 'service-process-'));
    mkdirSync(join(root, 'dist', 'apps', 'policy', 'src'), { recursive: true });
    // a stand-in service: prints a line, then answers its health port
    writeFileSync(
      join(root, 'dist', 'apps', 'policy', 'src', 'main.js'),
      "process.stdout.write('AccessKeySecret  s3cr3t\\n'); require('http').createServer((q, r) => r.end('{}')).listen(Number(process.env.PORT), '127.0.0.1');",
    );
    squatter = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as { port: number }).port;
    await new Promise((r) => squatter.close(r));
    const service = new ServiceProcess({ service: 'policy', instance: 'policy', env: { PORT: String(port) }, healthPort: port, logDir: join(root, 'logs'), distDir: join(root, 'dist') });
    await service.start(10_000);
    try {
      expect(statSync(service.logFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(service.logFile, 'utf8')).toContain('s3cr3t');
    } finally {
      await service.stop();
    }
  });
});
