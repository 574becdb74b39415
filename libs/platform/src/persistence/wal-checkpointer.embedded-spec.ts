import { existsSync, mkdtempSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { embeddedTestConfig, openTestDatabase } from '../../test/outbox-harness';
import { WalCheckpointer, walCheckpointer } from './wal-checkpointer';

const PAGE = 4096;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** A WAL-mode file like the services' (data-source.factory.ts), with a table to fill. */
function openWalFile(): Sqlite.Database {
  const db = new Sqlite(join(mkdtempSync(join(tmpdir(), 'opensts-wal-')), 'service.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000'); // as the services' connections: wait out the worker's RESTART
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  return db;
}

/** About `pages` pages of rows, committed in transactions of 20 rows like the services' group commits. */
function write(db: Sqlite.Database, pages: number): void {
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  const commit = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(Buffer.alloc(PAGE - 200, i));
  });
  for (let done = 0; done < pages; done += 20) commit(20);
}

async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  for (const until = Date.now() + ms; !check(); ) {
    if (Date.now() > until) throw new Error('not within 5 s');
    await sleep(20);
  }
}

describe(WalCheckpointer.name, () => {
  let sut: WalCheckpointer;
  let db: Sqlite.Database;
  beforeEach(() => {
    sut = new WalCheckpointer(20);
    db = openWalFile();
  });
  afterEach(() => {
    sut.release(db);
    if (db.open) db.close();
  });

  it('moves the committed pages into the database file while the writer itself never checkpoints', async () => {
    sut.adopt(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000); // a backstop far above what this writes
    write(db, 2_000);
    await eventually(() => size(db.name) >= 1_900 * PAGE);
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 2_000 });
  });

  it('keeps the WAL from growing without bound under a writer that never stops', async () => {
    sut.adopt(db);
    for (let round = 0; round < 10; round++) {
      write(db, 500);
      await sleep(60); // a checkpoint pass; the next commit restarts the WAL from its beginning
    }
    // 5 000 pages went through the WAL; it was reused instead of holding them all
    expect(size(`${db.name}-wal`)).toBeLessThan(2_000 * PAGE);
    expect(size(db.name)).toBeGreaterThan(4_500 * PAGE);
  });

  it('bounds the WAL under a writer that commits without letting a checkpoint pass finish', async () => {
    const small = new WalCheckpointer(5, 500);
    small.adopt(db);
    for (let done = 0; done < 6_000; done += 20) {
      write(db, 20); // one group commit…
      await new Promise((r) => setImmediate(r)); // …per event-loop turn, as a busy service commits
    }
    // all 6 000 pages went through the WAL and it was restarted instead of holding them (without
    // the restarts it ends at ~6 800 pages; on a loaded machine the worker's passes come late)
    expect(size(`${db.name}-wal`)).toBeLessThan(3_000 * PAGE);
    expect(size(db.name)).toBeGreaterThan(5_000 * PAGE);
    small.release(db);
  });

  it('leaves a file to its connection when the worker cannot open it', async () => {
    const moved = `${db.name}.moved`;
    sut.adopt(db);
    renameSync(db.name, moved); // before the worker gets to it; this connection keeps its open file
    await eventually(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000);
    expect(sut.files).toEqual([]);
    renameSync(moved, db.name);
  });

  it('gives a file back only for the connection that lent it', () => {
    const second = new Sqlite(db.name);
    sut.adopt(db);
    sut.adopt(second); // the file has its checkpointer already
    sut.release(second);
    second.close();
    expect(sut.files).toEqual([db.name]);
  });

  it('hands the checkpoints back to the connection when its thread dies', async () => {
    sut.adopt(db);
    await (sut as unknown as { worker: Worker }).worker.terminate(); // as if the thread had crashed
    await eventually(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000);
    write(db, 2_000); // SQLite's own checkpoints again, in this connection
    expect(size(db.name)).toBeGreaterThan(1_000 * PAGE);
    expect(sut.files).toEqual([]);
  });

  it('lets go of the file when released, so that closing the last connection removes the WAL', async () => {
    sut.adopt(db);
    write(db, 100);
    sut.release(db);
    await sleep(50);
    db.close();
    expect(existsSync(`${db.name}-wal`)).toBe(false);
  });

  it('leaves an in-memory database alone', () => {
    const memory = new Sqlite(':memory:');
    sut.adopt(memory);
    expect(sut.files).toEqual([]);
    memory.close();
  });
});

describe('SQLite DataSources and the process checkpointer', () => {
  it('are adopted when opened and released when destroyed', async () => {
    const database = await openTestDatabase(embeddedTestConfig());
    const file = database.sqlite.name;
    expect(walCheckpointer.files).toContain(file);
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await database.dataSource.destroy();
    expect(walCheckpointer.files).not.toContain(file);
  });
});
