import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rootOf, startIdentity } from '../../../test/identity-harness';
import { AccountBootstrapService } from './account-bootstrap.service';

describe(AccountBootstrapService.name, () => {
  const written: string[] = [];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    written.length = 0;
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());

  it('creates the configured account and key pair once, prints the banner once and writes a 0600 file', async () => {
    const env = { STS_BOOTSTRAP_ACCOUNT_ID: '1111222233334444', STS_BOOTSTRAP_ACCESS_KEY_ID: 'LTAIbootstrapkey0000000', STS_BOOTSTRAP_ACCESS_KEY_SECRET: 'BootstrapSecret0123456789abcd' };
    const first = await startIdentity({ env });
    const file = join(first.dataDir, 'bootstrap-credentials.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ AccountId: '1111222233334444', AccessKeyId: 'LTAIbootstrapkey0000000', AccessKeySecret: 'BootstrapSecret0123456789abcd' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(written.join('')).toContain('LTAIbootstrapkey0000000');
    expect(written.join('')).not.toContain('BootstrapSecret0123456789abcd');
    expect((await first.accounts.list()).map((a) => a.accountId)).toEqual(['1111222233334444']);
    await first.close();

    written.length = 0;
    const second = await startIdentity({ env, dataDir: first.dataDir });
    expect(written.join('')).toBe('');
    expect(await second.accounts.count()).toBe(1);
    await second.close();
  });

  it('generates the account and prints the generated secret on a fresh install', async () => {
    const h = await startIdentity();
    const creds = JSON.parse(readFileSync(join(h.dataDir, 'bootstrap-credentials.json'), 'utf8'));
    expect(creds.AccountId).toMatch(/^[1-9]\d{15}$/);
    expect(written.join('')).toContain(creds.AccessKeySecret);
    expect(((await h.invoke(rootOf(creds.AccountId), 'ListAccessKeys')) as { AccessKeys: { AccessKey: { AccessKeyId: string }[] } }).AccessKeys.AccessKey.map((k) => k.AccessKeyId)).toEqual([creds.AccessKeyId]);
    await h.close();
  });

  it('creates exactly one account when two bootstraps race', async () => {
    const h = await startIdentity();
    await h.db.transaction(async (m) => {
      for (const t of ['access_keys', 'accounts', 'directory_bootstrap']) await m.query(`DELETE FROM ${t}`);
    });
    const svc = h.module.get(AccountBootstrapService, { strict: false });
    const results = await Promise.all([svc.run(), svc.run(), svc.run()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await h.accounts.count()).toBe(1);
    expect(existsSync(join(h.dataDir, 'bootstrap-credentials.json'))).toBe(true);
    await h.close();
  });

  it('fails closed on DeleteUser when the policy service cannot answer', async () => {
    const h = await startIdentity({ withoutPolicy: true });
    const acct = (await h.accounts.create()).accountId;
    await h.invoke(rootOf(acct), 'CreateUser', { UserName: 'u' });
    expect(await h.errorOf(rootOf(acct), 'DeleteUser', { UserName: 'u' })).toBe('ServiceUnavailable');
    await h.close();
  });
});
