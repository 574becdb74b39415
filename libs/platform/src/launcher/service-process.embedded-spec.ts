import { createServer, Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
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
});
