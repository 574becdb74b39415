import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestFleet } from './e2e-fleet';

export interface CreatedAccount {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/**
 * `create-account` of identity-directory's operator CLI (`npm run cli`), run as an operator would
 * on the fleet's host: the built CLI with identity-directory's own environment (database, master
 * key). It writes to the directory's outbox; the running service's relay publishes the events.
 */
export function createAccount(t: TestFleet, accountId?: string): Promise<CreatedAccount> {
  const cli = resolve('dist', 'apps', 'identity-directory', 'src', 'cli', 'main.js');
  const args = [cli, 'create-account', ...(accountId ? ['--account-id', accountId] : [])];
  return new Promise((ok, fail) =>
    execFile(process.execPath, args, { env: t.fleet.envFor('identity-directory'), timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) return fail(new Error(`create-account failed: ${err.message}\n${stderr}`));
      const field = (name: string) => new RegExp(`^${name}\\s+(\\S+)$`, 'm').exec(stdout)?.[1];
      const [id, keyId, secret] = [field('AccountId'), field('AccessKeyId'), field('AccessKeySecret')];
      if (!id || !keyId || !secret) return fail(new Error(`create-account printed no credentials:\n${stdout}`));
      ok({ accountId: id, accessKeyId: keyId, accessKeySecret: secret });
    }),
  );
}
