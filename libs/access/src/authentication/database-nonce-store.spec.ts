import type { Database } from '@opensts/platform';
import { DatabaseNonceStore } from './database-nonce-store';

/** signature_nonces as SQLite runs the store's prepared insert: ON CONFLICT DO NOTHING, one row changed per row inserted. */
function fakeDatabase(): { db: Database; transactions: number } {
  const rows = new Set<string>();
  const state = { transactions: 0, db: undefined as unknown as Database };
  const insert = {
    run: (accessKeyId: string, nonce: string) => {
      const id = `${accessKeyId}\n${nonce}`;
      if (rows.has(id)) return { changes: 0 };
      rows.add(id);
      return { changes: 1 };
    },
  };
  const writeSync = async <T>(work: () => T): Promise<T> => {
    state.transactions++;
    return work();
  };
  state.db = { kind: 'sqlite', writeSync, prepare: () => insert } as unknown as Database;
  return state;
}

describe(DatabaseNonceStore.name, () => {
  const until = Date.now() + 60_000;

  it('keeps a bounded number of nonces in memory, the database refusing older replays', async () => {
    const sut = new DatabaseNonceStore(fakeDatabase().db, { maxRemembered: 100 });
    const first = await Promise.all([...Array(1_000)].map((_, i) => sut.claim('LTAIk', `n-${i}`, until)));
    expect(first.every(Boolean)).toBe(true);
    expect((sut as unknown as { recent: Map<string, number> }).recent.size).toBeLessThanOrEqual(100);
    expect(await sut.claim('LTAIk', 'n-0', until)).toBe(false);
    expect(await sut.claim('LTAIk', 'n-999', until)).toBe(false);
  });

  it('lets only one of two claims of a nonce win even when they share one insert', async () => {
    const sut = new DatabaseNonceStore(fakeDatabase().db, { maxRemembered: 1 });
    const inFlight = sut.claim('LTAIk', 'first', until); // the batch after it gathers the rest
    const claims = [sut.claim('LTAIk', 'x', until), sut.claim('LTAIk', 'y', until), sut.claim('LTAIk', 'x', until)];
    expect(await inFlight).toBe(true);
    expect(await Promise.all(claims)).toEqual([true, true, false]);
  });
});
