import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { RootCredentials } from '../accounts/account.service';

export const BOOTSTRAP_CREDENTIALS_FILE = 'bootstrap-credentials.json';

/**
 * The one place a secret is shown: a banner on stdout (deliberately not through the logger, whose
 * lines are shipped and kept) and a 0600 file in the data directory.
 */
@Injectable()
export class BootstrapCredentialsWriter {
  banner(c: RootCredentials, secretShown: boolean): string {
    const line = '='.repeat(72);
    return [
      '',
      line,
      ' OpenSTS: first start, account created',
      line,
      `   AccountId        ${c.accountId}`,
      `   AccessKeyId      ${c.accessKeyId}`,
      `   AccessKeySecret  ${secretShown ? c.accessKeySecret : '(as configured in STS_BOOTSTRAP_ACCESS_KEY_SECRET)'}`,
      '',
      ' This is the account root key. It is shown ONCE and cannot be retrieved',
      ' later (only its id: `npm run cli -- print-root-key <accountId>`).',
      ` A copy is in <STS_DATA_DIR>/${BOOTSTRAP_CREDENTIALS_FILE} (mode 0600): move it to a`,
      ' secret store and delete it.',
      line,
      '',
    ].join('\n');
  }

  print(c: RootCredentials, secretShown: boolean): void {
    process.stdout.write(`${this.banner(c, secretShown)}\n`);
  }

  writeFile(dataDir: string, c: RootCredentials): string {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, BOOTSTRAP_CREDENTIALS_FILE);
    writeFileSync(file, `${JSON.stringify({ AccountId: c.accountId, AccessKeyId: c.accessKeyId, AccessKeySecret: c.accessKeySecret }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // writeFileSync keeps the mode of an existing file
    return file;
  }
}
