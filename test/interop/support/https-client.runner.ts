import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs one of the https-only SDK clients (`clients/*.client.js`) in its own Node process that
 * trusts `caFile` through NODE_EXTRA_CA_CERTS (read only at process start), and returns its JSON.
 */
export function runHttpsClient<T>(client: 'credentials-provider' | 'credentials-oidc' | 'sts-sdk', caFile: string, input: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, '..', 'clients', `${client}.client.js`), JSON.stringify(input)],
      { env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules') }, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${client} failed: ${err.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T);
        } catch {
          reject(new Error(`${client} printed no JSON: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}
