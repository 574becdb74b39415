import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessIndex, DirectoryView, markerOf, projectEvent, RequestAuthenticator, RevocationView } from '@opensts/access';
import { Database, loadConfig } from '@opensts/platform';
import { parseKeyRing, parseSealedSecret, SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { NonceStore, NormalisedRequest, signV1 } from '@opensts/sts-core/signing';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { rootOf, startIdentity } from '../../test/identity-harness';
import { Out, runCommand } from './cli.commands';
import { openCliContext } from './cli.context';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const RING_A = `A:${keyA}`;
const RING_BA = `B:${keyB},A:${keyA}`;
const RING_B = `B:${keyB}`;

interface Row { access_key_id: string; sealed_secret: string; status: string; version: number }
const kidOf = (sealed: string) => parseSealedSecret(JSON.parse(sealed)).kid;
const rows = async (db: Database): Promise<Row[]> => db.manager.query('SELECT access_key_id, sealed_secret, status, version FROM access_keys ORDER BY access_key_id');

/** `npm run cli -- <argv>` with `ring` as STS_MASTER_KEY, against the service's data directory. */
async function cli(dataDir: string, ring: string, argv: string[], out?: Out): Promise<string[]> {
  const ctx = await openCliContext(loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: dataDir, STS_MASTER_KEY: ring }));
  const lines: string[] = [];
  try {
    await runCommand(ctx, argv, out ?? ((l) => lines.push(l)));
    return lines;
  } finally {
    await ctx.close();
  }
}

/** Under master key A: the bootstrap root key, alice with an active and an inactive key. */
async function seedUnderA(dataDir: string) {
  const svc = await startIdentity({ dataDir, env: { STS_MASTER_KEY: RING_A } });
  const boot = JSON.parse(readFileSync(join(dataDir, 'bootstrap-credentials.json'), 'utf8')) as Record<string, string>;
  const secrets = new Map<string, string>([[boot.AccessKeyId, boot.AccessKeySecret]]);
  await svc.invoke(rootOf(boot.AccountId), 'CreateUser', { UserName: 'alice' });
  for (let i = 0; i < 2; i++) {
    const { AccessKey } = (await svc.invoke(rootOf(boot.AccountId), 'CreateAccessKey', { UserName: 'alice' })) as { AccessKey: Record<string, string> };
    secrets.set(AccessKey.AccessKeyId, AccessKey.AccessKeySecret);
  }
  await svc.invoke(rootOf(boot.AccountId), 'UpdateAccessKey', { UserName: 'alice', UserAccessKeyId: [...secrets.keys()][2], Status: 'Inactive' });
  await svc.settle();
  await svc.close();
  return { accountId: boot.AccountId, secrets, events: [...svc.events] };
}

/** What gateway and token-issuance hold: the access view built from the identity events, opened with `ring`. */
function accessView(ring: string, events: EventEnvelope[]) {
  const index = new AccessIndex();
  for (const e of events) for (const c of projectEvent(e)) index.apply(c, markerOf(e));
  const box = new SecretBox(parseKeyRing(ring));
  const directory = new DirectoryView(index, box);
  const nonces: NonceStore = { claim: () => true };
  const authenticator = new RequestAuthenticator(directory, new RevocationView(index, directory), new SecurityTokenCodec(parseKeyRing(ring)), nonces);
  const signed = (accessKeyId: string, accessKeySecret: string): NormalisedRequest => ({
    method: 'GET',
    path: '/',
    query: Object.entries(signV1({ method: 'GET', params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' }, credentials: { accessKeyId, accessKeySecret } })),
    headers: { host: 'sts.example' },
  });
  return { directory, authenticate: (id: string, secret: string) => authenticator.authenticate(signed(id, secret)) };
}

describe('npm run cli -- reseal', () => {
  let dataDir: string;
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'opensts-reseal-'));
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true); // the bootstrap banner
  });
  afterEach(() => stdout.mockRestore());

  it('rotate → reseal → retire: every AccessKey still authenticates with key B alone, and the events carry only B-sealed forms', async () => {
    const seeded = await seedUnderA(dataDir);
    const underA = [...seeded.secrets.keys()].sort();

    // rotate: the service runs with B first, A kept; a key created now is sealed under B already
    let svc = await startIdentity({ dataDir, env: { STS_MASTER_KEY: RING_BA } });
    await svc.invoke(rootOf(seeded.accountId), 'CreateUser', { UserName: 'bob' });
    const { AccessKey: bobKey } = (await svc.invoke(rootOf(seeded.accountId), 'CreateAccessKey', { UserName: 'bob' })) as { AccessKey: Record<string, string> };
    seeded.secrets.set(bobKey.AccessKeyId, bobKey.AccessKeySecret);
    await svc.settle();
    const before = new Map((await rows(svc.db)).map((r) => [r.access_key_id, r]));
    expect([...before.values()].map((r) => kidOf(r.sealed_secret)).sort()).toEqual(['A', 'A', 'A', 'B']);

    // reseal, while the service runs: its relay publishes what the CLI wrote to the outbox
    const printed = await cli(dataDir, RING_BA, ['reseal', '--batch-size', '2']);
    expect(printed.slice(-3)).toEqual(['Active key id      B', 'Re-sealed          3 (from A: 3)', 'Already current    1']);
    expect(printed.slice(0, -3).map((l) => Number(/^batch \d: (\d) re-sealed$/.exec(l)![1]))).toEqual([expect.any(Number), expect.any(Number)]); // 4 keys, pages of 2

    await svc.settle();
    const resealed = svc.events.filter((e) => e.type === 'AccessKeyResealed');
    expect(resealed.map((e) => e.aggregateId).sort()).toEqual(underA);
    for (const e of resealed) {
      const p = e.payload as { sealedSecret: string; status: string };
      expect(kidOf(p.sealedSecret)).toBe('B');
      expect(e.aggregateVersion).toBe(before.get(e.aggregateId)!.version + 1);
      expect(p.status).toBe(before.get(e.aggregateId)!.status);
    }
    const everything = JSON.stringify([...seeded.events, ...svc.events]) + printed.join('\n');
    for (const secret of seeded.secrets.values()) expect(everything).not.toContain(secret);

    // a second run finds nothing to do and announces nothing
    const published = svc.events.length;
    expect(await cli(dataDir, RING_BA, ['reseal'])).toEqual(['Active key id      B', 'Re-sealed          0', 'Already current    4']);
    await svc.settle();
    expect(svc.events).toHaveLength(published);
    const rotated = [...svc.events];
    await svc.close();

    // retire A: the service starts with B alone; every stored row opens, and so does the access view
    svc = await startIdentity({ dataDir, env: { STS_MASTER_KEY: RING_B } });
    const boxB = new SecretBox(parseKeyRing(RING_B));
    for (const r of await rows(svc.db)) {
      expect(kidOf(r.sealed_secret)).toBe('B');
      expect(boxB.openText(parseSealedSecret(JSON.parse(r.sealed_secret)), r.access_key_id)).toBe(seeded.secrets.get(r.access_key_id));
    }
    const view = accessView(RING_B, [...seeded.events, ...rotated, ...svc.events]);
    for (const [id, secret] of seeded.secrets) {
      expect(view.directory.accessKey(id)?.secret).toBe(secret);
      const result = await view.authenticate(id, secret);
      if (before.get(id)!.status === 'Active') expect(result).toMatchObject({ ok: true, principal: { accountId: seeded.accountId } });
      else expect(result).toMatchObject({ ok: false, error: { code: 'InvalidAccessKeyId.Inactive' } });
    }
    await svc.close();
  });

  it('refuses, naming the missing key id, when the ring cannot open a stored secret, and changes nothing', async () => {
    await seedUnderA(dataDir);
    const ctx = await openCliContext(loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: dataDir, STS_MASTER_KEY: RING_B }));
    const before = await rows(ctx.db);
    await expect(runCommand(ctx, ['reseal'], () => undefined)).rejects.toThrow(/nothing was changed[\s\S]*3 secret\(s\) are sealed under master key id "A", which is not in the ring/);
    const wrongA = `B:${keyB},A:${randomBytes(32).toString('base64')}`;
    await expect(cli(dataDir, wrongA, ['reseal'])).rejects.toThrow(/master key "A" does not open the 3 secret\(s\)/);
    expect(await rows(ctx.db)).toEqual(before);
    expect(await ctx.db.manager.query('SELECT COUNT(*) AS n FROM outbox')).toEqual([{ n: 0 }]);
    await ctx.close();
  });

  it('interrupted after a batch, leaves every row readable with the ring, and a rerun finishes the rest', async () => {
    const seeded = await seedUnderA(dataDir);
    const crash: Out = (line) => {
      if (line.startsWith('batch')) throw new Error('killed');
    };
    await expect(cli(dataDir, RING_BA, ['reseal', '--batch-size', '1'], crash)).rejects.toThrow('killed');
    const ctx = await openCliContext(loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: dataDir, STS_MASTER_KEY: RING_BA }));
    const box = new SecretBox(parseKeyRing(RING_BA));
    const after = await rows(ctx.db);
    expect(after.map((r) => kidOf(r.sealed_secret)).sort()).toEqual(['A', 'A', 'B']);
    for (const r of after) expect(box.openText(parseSealedSecret(JSON.parse(r.sealed_secret)), r.access_key_id)).toBe(seeded.secrets.get(r.access_key_id));
    const outbox = (await ctx.db.manager.query('SELECT envelope FROM outbox')) as { envelope: string }[];
    expect(outbox.map((o) => JSON.parse(o.envelope).type)).toEqual(['AccessKeyResealed']);
    await ctx.close();
    expect(await cli(dataDir, RING_BA, ['reseal'])).toEqual(['batch 1: 2 re-sealed', 'Active key id      B', 'Re-sealed          2 (from A: 2)', 'Already current    1']);
  });

  it('refuses a batch size out of range before touching anything', async () => {
    await seedUnderA(dataDir);
    await expect(cli(dataDir, RING_BA, ['reseal', '--batch-size', '0'])).rejects.toThrow('--batch-size must be 1 to 1000');
  });
});
