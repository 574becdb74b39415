import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig, ramDate, TransactionalOutbox } from '@opensts/platform';
import { parseKeyRing, parseSealedSecret, SecretBox } from '@opensts/sts-core/crypto';
import { IdGenerator } from '@opensts/sts-core/ids';
import { freshDatabase } from '../../../../test/support/infra';
import { AccessKeyIssuer } from '../directory/access-keys/access-key.issuer';
import { AccessKeyRepository } from '../directory/access-keys/access-key.repository';
import { UserEntity } from '../directory/users/user.entity';
import { DEFAULT_DIRECTORY_LIMITS } from '../identity-directory.constants';
import { CliContext, openCliContext } from './cli.context';
import { runCommand } from './cli.commands';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const RING_A = `A:${keyA}`;
const RING_BA = `B:${keyB},A:${keyA}`;
const RING_B = `B:${keyB}`;

interface Row { access_key_id: string; sealed_secret: string; status: string; version: number }
const kidOf = (sealed: string) => parseSealedSecret(JSON.parse(sealed)).kid;

describe('npm run cli -- reseal on PostgreSQL (distributed mode)', () => {
  let database: { url: string; drop: () => Promise<void> };
  const open = (ring: string) => openCliContext(loadConfig({ STS_MODE: 'distributed', STS_MASTER_KEY: ring, DATABASE_URL_IDENTITY: database.url }));
  const run = async (ring: string, ...argv: string[]) => {
    const ctx = await open(ring);
    const lines: string[] = [];
    try {
      await runCommand(ctx, argv, (l) => lines.push(l));
      return lines;
    } finally {
      await ctx.close();
    }
  };
  const rows = (ctx: CliContext): Promise<Row[]> => ctx.db.manager.query('SELECT access_key_id, sealed_secret, status, version FROM access_keys ORDER BY access_key_id');
  const resealEvents = async (ctx: CliContext) =>
    ((await ctx.db.manager.query("SELECT envelope FROM outbox WHERE envelope LIKE '%AccessKeyResealed%' ORDER BY id")) as { envelope: string }[]).map((r) => JSON.parse(r.envelope));

  beforeEach(async () => {
    database = await freshDatabase('reseal');
  });
  afterEach(() => database.drop());

  it('re-seals root and user keys under B, refuses without A, and leaves nothing that needs A', async () => {
    const secrets = new Map<string, string>();
    const ctx = await open(RING_A);
    for (let i = 0; i < 3; i++) {
      const c = await ctx.accounts.create();
      secrets.set(c.accessKeyId, c.accessKeySecret);
    }
    const { accountId } = (await ctx.accounts.list())[0];
    const issuer = new AccessKeyIssuer(new SecretBox(parseKeyRing(RING_A)), new IdGenerator(), DEFAULT_DIRECTORY_LIMITS, new AccessKeyRepository(ctx.db));
    const issued = await new TransactionalOutbox(ctx.db).run(async (m, emit) => {
      const now = ramDate();
      await m.insert(UserEntity, { userId: '1000000000000000001', accountId, userName: 'alice', userNameKey: 'alice', displayName: null, mobilePhone: null, email: null, comments: null, createDate: now, updateDate: now, lastLoginDate: null, version: 1 });
      return issuer.issue(m, emit, { type: 'User', accountId, userId: '1000000000000000001', userName: 'alice' });
    });
    secrets.set(issued.key.accessKeyId, issued.secret);
    const before = await rows(ctx);
    await ctx.close();

    await expect(run(RING_B, 'reseal')).rejects.toThrow('4 secret(s) are sealed under master key id "A", which is not in the ring');
    expect(await run(RING_BA, 'reseal', '--batch-size', '3')).toEqual(expect.arrayContaining(['Re-sealed          4 (from A: 4)', 'Already current    0']));
    expect(await run(RING_BA, 'reseal')).toEqual(['Active key id      B', 'Re-sealed          0', 'Already current    4']);

    const after = await open(RING_B);
    const box = new SecretBox(parseKeyRing(RING_B));
    for (const r of await rows(after)) {
      expect(kidOf(r.sealed_secret)).toBe('B');
      expect(box.openText(parseSealedSecret(JSON.parse(r.sealed_secret)), r.access_key_id)).toBe(secrets.get(r.access_key_id));
    }
    const events = await resealEvents(after);
    expect(events.map((e) => [e.aggregateId, e.aggregateVersion]).sort()).toEqual(before.map((r) => [r.access_key_id, r.version + 1]).sort());
    expect(events.find((e) => e.aggregateId === issued.key.accessKeyId).payload.owner).toEqual({ type: 'User', userId: '1000000000000000001', userName: 'alice' });
    expect(events.every((e) => kidOf(e.payload.sealedSecret) === 'B')).toBe(true);
    await after.close();
  });

  it('waits for an AccessKey change holding the owner lock, then re-seals on top of it with the next version', async () => {
    const ctx = await open(RING_A);
    const { accountId, accessKeyId } = await ctx.accounts.create();
    await ctx.close();

    // what UpdateAccessKey does: lock the owner, read the key, write status and version + 1
    const handler = new Client({ connectionString: database.url });
    await handler.connect();
    await handler.query('BEGIN');
    await handler.query('SELECT 1 FROM accounts WHERE account_id = $1 FOR UPDATE', [accountId]);
    const [{ version }] = (await handler.query('SELECT version FROM access_keys WHERE access_key_id = $1', [accessKeyId])).rows;
    let done = false;
    const reseal = run(RING_BA, 'reseal').finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    await handler.query("UPDATE access_keys SET status = 'Inactive', version = $2 WHERE access_key_id = $1", [accessKeyId, version + 1]);
    await handler.query('COMMIT');
    await handler.end();
    expect(await reseal).toContain('Re-sealed          1 (from A: 1)');

    const after = await open(RING_B);
    expect((await rows(after))[0]).toMatchObject({ status: 'Inactive', version: version + 2 });
    expect((await resealEvents(after)).map((e) => [e.aggregateVersion, e.payload.status])).toEqual([[version + 2, 'Inactive']]);
    await after.close();
  });
});
