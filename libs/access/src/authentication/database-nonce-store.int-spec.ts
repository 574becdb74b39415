import { dataSourceOptions, Database, loadConfig, openDataSource } from '@opensts/platform';
import { freshDatabase, requireInfra } from '../../../../test/support/infra';
import { DatabaseNonceStore, NONCE_SWEEP_MARGIN_MS } from './database-nonce-store';
import { NONCE_MIGRATIONS } from './nonce-tables.migration';

async function instance(url: string): Promise<Database> {
  const cfg = loadConfig({ STS_MODE: 'distributed', DATABASE_URL_NONCES: url });
  return new Database(await openDataSource(dataSourceOptions(cfg, { service: 'nonces', entities: [], migrations: NONCE_MIGRATIONS })));
}

describe('DatabaseNonceStore on the PostgreSQL nonce database shared by two processes', () => {
  let drop: () => Promise<void>;
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    await requireInfra();
    const db = await freshDatabase('nonces');
    drop = db.drop;
    a = await instance(db.url);
    b = await instance(db.url);
  });
  afterAll(async () => {
    await a?.dataSource.destroy();
    await b?.dataSource.destroy();
    await drop?.();
  });

  it('refuses on one instance a nonce claimed on the other, and lets exactly one of racing claims win', async () => {
    const [storeA, storeB] = [new DatabaseNonceStore(a), new DatabaseNonceStore(b)];
    const until = Date.now() + 60_000;
    expect(await storeA.claim('LTAIx', 'n1', until)).toBe(true);
    expect(await storeB.claim('LTAIx', 'n1', until)).toBe(false);
    const race = await Promise.all([...Array(100)].flatMap((_, i) => [storeA.claim('LTAIy', `r${i}`, until), storeB.claim('LTAIy', `r${i}`, until)]));
    expect(race.filter(Boolean)).toHaveLength(100);
  });

  it('claims a nonce with a NUL like any other, without failing the other claims of its batch', async () => {
    const store = new DatabaseNonceStore(a);
    const until = Date.now() + 60_000;
    expect(await Promise.all([store.claim('LTAIz', 'ok-1', until), store.claim('LTAIz', 'a\0b', until), store.claim('LTAIz', 'ok-2', until)])).toEqual([true, true, true]);
    expect(await new DatabaseNonceStore(b).claim('LTAIz', 'a\0b', until)).toBe(false);
  });

  it('sweeps a nonce only once it has been expired for the margin, so an instance whose clock runs behind still refuses its replay', async () => {
    const now = Date.now();
    expect(await new DatabaseNonceStore(a).claim('LTAIs', 'late', now - 1_000)).toBe(true);
    await new DatabaseNonceStore(a).sweep(now);
    expect(await new DatabaseNonceStore(b).claim('LTAIs', 'late', now + 60_000)).toBe(false); // b's clock says the timestamp is still valid
    await new DatabaseNonceStore(a).sweep(now + NONCE_SWEEP_MARGIN_MS + 1);
    expect(await new DatabaseNonceStore(b).claim('LTAIs', 'late', now + 60_000)).toBe(true);
  });

  it('never deadlocks two instances claiming the same nonces in opposite orders (each batch in one order), so no innocent claim fails', async () => {
    const [storeA, storeB] = [new DatabaseNonceStore(a), new DatabaseNonceStore(b)];
    const until = Date.now() + 60_000;
    const names = (i: number) => Array.from({ length: 20 }, (_, j) => `d${i}-${j}`);
    for (let i = 0; i < 40; i++) {
      const n = names(i);
      // one turn: A claims them forwards, B backwards; each also claims a nonce nobody else does
      const claims = [...n.map((x) => storeA.claim('LTAId', x, until)), storeA.claim('LTAId', `innocent-a-${i}`, until), ...[...n].reverse().map((x) => storeB.claim('LTAId', x, until)), storeB.claim('LTAId', `innocent-b-${i}`, until)];
      const settled = await Promise.allSettled(claims);
      expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
      const won = settled.map((r) => (r as PromiseFulfilledResult<boolean>).value);
      expect(won.filter(Boolean)).toHaveLength(n.length + 2); // each shared nonce once, both innocent ones
    }
  });
});
