import 'reflect-metadata';
import { ConfigError, loadConfig } from '@opensts/platform';
import { StsError } from '@opensts/sts-core/errors';
import { CliUsageError, runCommand, USAGE } from './cli.commands';
import { openCliContext } from './cli.context';

/**
 * Operator tool of identity-directory (`npm run cli -- <command>`), usable before any AccessKey
 * exists. Same configuration as the service (STS_MODE, STS_DATA_DIR, DATABASE_URL_IDENTITY,
 * master key); works on the database directly and announces changes through the outbox.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const ctx = await openCliContext(loadConfig());
  try {
    await runCommand(ctx, argv, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CliUsageError) process.stderr.write(`${err.message}\n${USAGE}\n`);
    else if (err instanceof ConfigError || err instanceof StsError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof CliUsageError ? 2 : 1);
  },
);
