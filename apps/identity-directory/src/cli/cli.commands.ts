import { isValidAccountId } from '@opensts/sts-core/arn';
import type { CliContext } from './cli.context';

export type Out = (line: string) => void;

export const USAGE = [
  'usage: npm run cli -- <command>',
  '  create-account [--account-id <16 digits>]     new account and root AccessKey (secret printed once)',
  '  print-root-key <accountId>                     the root AccessKeyIds (secrets are never retrievable)',
  '  rotate-root-key <accountId> [--old <AccessKeyId>] [--delete-old]',
  '                                                 new root key (secret printed once); the old one is',
  '                                                 deactivated, or deleted with --delete-old',
  '  list-accounts | list-users <accountId> | list-roles <accountId>',
  '  reseal [--batch-size <1-1000>]                 re-seals every stored secret not under the active',
  '                                                 master key (STS_MASTER_KEY, ADR 0010); safe to rerun',
].join('\n');

export class CliUsageError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
  return value;
}

function batchSize(args: string[]): number {
  const text = flag(args, '--batch-size') ?? '100';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1000) throw new CliUsageError('--batch-size must be 1 to 1000');
  return n;
}

const perKid = (counts: Record<string, number>) => Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kid, n]) => `${kid}: ${n}`).join(', ');
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function knownAccount(ctx: CliContext, accountId: string | undefined): Promise<string> {
  if (!accountId || !isValidAccountId(accountId)) throw new CliUsageError('an account id is required');
  if (!(await ctx.accounts.list()).some((a) => a.accountId === accountId)) throw new Error(`account ${accountId} does not exist`);
  return accountId;
}

/** Runs one operator command; what it prints goes to `out` (stdout in the CLI). */
export async function runCommand(ctx: CliContext, argv: string[], out: Out): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'create-account': {
      const c = await ctx.accounts.create({ accountId: flag(args, '--account-id') });
      out(`AccountId        ${c.accountId}`);
      out(`AccessKeyId      ${c.accessKeyId}`);
      out(`AccessKeySecret  ${c.accessKeySecret}`);
      out('The secret is shown once and cannot be retrieved later.');
      return;
    }
    case 'print-root-key': {
      const keys = await ctx.accounts.rootKeys(await knownAccount(ctx, args[0]));
      for (const k of keys) out(`${k.accessKeyId}  ${k.status}  ${k.createDate}`);
      return;
    }
    case 'rotate-root-key': {
      const accountId = await knownAccount(ctx, args[0]);
      const r = await ctx.accounts.rotateRootKey(accountId, { oldAccessKeyId: flag(args, '--old'), deleteOld: args.includes('--delete-old') });
      out(`AccountId        ${r.accountId}`);
      out(`AccessKeyId      ${r.accessKeyId}`);
      out(`AccessKeySecret  ${r.accessKeySecret}`);
      if (r.oldAccessKeyId) out(`Old key ${r.oldAccessKeyId} ${args.includes('--delete-old') ? 'deleted' : 'deactivated'}.`);
      return;
    }
    case 'list-accounts':
      for (const a of await ctx.accounts.list()) out(`${a.accountId}  ${a.createDate}`);
      return;
    case 'list-users': {
      const accountId = await knownAccount(ctx, args[0]);
      for (const u of await ctx.users.page(accountId, { maxItems: 100_000 })) out(`${u.userId}  ${u.userName}  ${u.createDate}`);
      return;
    }
    case 'list-roles': {
      const accountId = await knownAccount(ctx, args[0]);
      for (const r of await ctx.roles.page(accountId, { maxItems: 100_000 })) out(`${r.roleId}  ${r.roleName}  ${r.createDate}`);
      return;
    }
    case 'reseal': {
      const s = await ctx.resealer.run({ batchSize: batchSize(args), onBatch: (n, c) => out(`batch ${n}: ${total(c.resealed)} re-sealed`) });
      out(`Active key id      ${s.activeKeyId}`);
      out(`Re-sealed          ${total(s.resealed)}${total(s.resealed) ? ` (from ${perKid(s.resealed)})` : ''}`);
      out(`Already current    ${s.alreadyCurrent}`);
      if (s.vanished) out(`Deleted meanwhile  ${s.vanished}`);
      return;
    }
    default:
      throw new CliUsageError(command ? `unknown command: ${command}` : 'no command given');
  }
}
