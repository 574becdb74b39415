import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@opensts/platform';
import { CliContext, openCliContext } from './cli.context';
import { runCommand } from './cli.commands';

describe(runCommand.name, () => {
  let ctx: CliContext;
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    await runCommand(ctx, argv, (l) => lines.push(l));
    return lines;
  };
  const field = (lines: string[], name: string) => lines.find((l) => l.startsWith(name))!.split(/\s+/)[1];
  const outboxTypes = async () => ((await ctx.db.manager.query('SELECT envelope FROM outbox ORDER BY id')) as { envelope: string }[]).map((r) => JSON.parse(r.envelope).type as string);

  beforeEach(async () => {
    ctx = await openCliContext(loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-cli-')) }));
  });
  afterEach(() => ctx.close());

  it('creates an account with its root key, printing the secret once, and writes the events to the outbox', async () => {
    const lines = await run('create-account', '--account-id', '5555666677778888');
    expect(field(lines, 'AccountId')).toBe('5555666677778888');
    expect(field(lines, 'AccessKeySecret')).toMatch(/^[0-9A-Za-z]{30}$/);
    expect(await outboxTypes()).toEqual(['AccountCreated', 'AccessKeyCreated']);
    expect(await run('list-accounts')).toEqual([expect.stringMatching(/^5555666677778888 /)]);
    const printed = await run('print-root-key', '5555666677778888');
    expect(printed).toEqual([expect.stringMatching(new RegExp(`^${field(lines, 'AccessKeyId')}  Active `))]);
    expect(printed.join('\n')).not.toContain(field(lines, 'AccessKeySecret'));
  });

  it('rotates the root key: the old one is deactivated, or deleted on request', async () => {
    const created = await run('create-account');
    const accountId = field(created, 'AccountId');
    const oldKey = field(created, 'AccessKeyId');
    const rotated = await run('rotate-root-key', accountId);
    expect(field(rotated, 'AccessKeyId')).not.toBe(oldKey);
    expect((await run('print-root-key', accountId)).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(expect.arrayContaining([`${oldKey} Inactive`, `${field(rotated, 'AccessKeyId')} Active`]));
    await run('rotate-root-key', accountId, '--old', oldKey, '--delete-old');
    expect(await run('print-root-key', accountId)).toHaveLength(2);
    expect((await run('print-root-key', accountId)).join('\n')).not.toContain(oldKey);
    expect((await outboxTypes()).filter((t) => t.startsWith('AccessKey'))).toEqual(['AccessKeyCreated', 'AccessKeyStatusChanged', 'AccessKeyCreated', 'AccessKeyDeleted', 'AccessKeyCreated']);
  });

  it('refuses unknown accounts and commands', async () => {
    await expect(run('list-users', '1234567890123456')).rejects.toThrow('does not exist');
    await expect(run('frobnicate')).rejects.toThrow('unknown command');
    expect(await run('list-roles', field(await run('create-account'), 'AccountId'))).toEqual([]);
  });
});
