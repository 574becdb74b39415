import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Copies the WAL of every SQLite file of this process back into its database from a worker
 * thread, so that the thread serving requests never does it.
 *
 * SQLite checkpoints automatically in whichever connection commits when the WAL passes 1 000
 * pages: that commit then reads the WAL, writes every page into the database file and fsyncs both,
 * in the event loop of `npm start`. With the checkpoints here instead, the same process served
 * about a fifth more AssumeRoles per second (bench/RESULTS.md, gateway). better-sqlite3 has no
 * background checkpointing of its own; its documentation recommends exactly this (a second
 * connection checkpointing on a timer) for busy WAL databases.
 *
 * PASSIVE checkpoints never block the writer: the writer goes on appending while older frames are
 * copied. The WAL restarts from its beginning only at a commit that finds every frame copied, which
 * a writer committing during every pass never gives the worker; so once the WAL passes half of
 * BACKSTOP_PAGES (10× SQLite's default, ~40 MB) the worker asks the writer's thread for one
 * RESTART checkpoint between its commits (copying only what the worker had not), and the
 * connection keeps its own checkpoint at BACKSTOP_PAGES. A
 * checkpoint is idempotent, and a crash at any point leaves a WAL that SQLite replays at open, so
 * nothing committed is lost whoever checkpoints. If the worker cannot start, cannot open a file or
 * dies, the connections concerned go back to SQLite's default threshold.
 */
export class WalCheckpointer {
  private worker?: Worker;
  private failed = false;
  private readonly adopted = new Map<string, BetterSqlite3.Database>();

  constructor(
    private readonly everyMs = 100,
    private readonly backstopPages = BACKSTOP_PAGES,
  ) {}

  /** Takes over the checkpoints of a WAL-mode file connection; in-memory and non-WAL databases are left as they are. */
  adopt(db: BetterSqlite3.Database): void {
    if (this.failed || db.memory || this.adopted.has(db.name)) return;
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return;
    const worker = this.start();
    if (!worker) return;
    db.pragma(`wal_autocheckpoint = ${this.backstopPages}`);
    this.adopted.set(db.name, db);
    worker.postMessage({ adopt: db.name });
  }

  /** Before its connection closes: the worker lets go of the file, and stops when no file is left. */
  release(db: BetterSqlite3.Database): void {
    if (this.adopted.get(db.name) !== db) return; // not this connection's file to give back
    this.adopted.delete(db.name);
    this.worker?.postMessage({ release: db.name });
    this.stopWhenIdle();
  }

  /** Files whose WAL the worker checkpoints (for tests and readiness). */
  get files(): string[] {
    return [...this.adopted.keys()];
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), everyMs: this.everyMs, restartPages: Math.ceil(this.backstopPages / 2) } });
      worker.on('error', () => this.fallBack(worker));
      worker.on('exit', () => this.fallBack(worker));
      // a file the worker could not open or keeps failing to checkpoint: that connection checkpoints itself again
      worker.on('message', (m: { failed?: string; restart?: string }) => (m.failed ? this.handBack(m.failed) : m.restart && this.restart(m.restart)));
      worker.unref(); // never what keeps a process alive (after the listeners: a 'message' listener refs it again)
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  /** The worker is gone: each connection checkpoints itself again, at SQLite's default threshold. */
  private fallBack(worker: Worker): void {
    if (this.worker !== worker) return; // terminated on purpose
    this.worker = undefined;
    this.failed = true;
    for (const name of [...this.adopted.keys()]) this.handBack(name);
  }

  /**
   * The WAL passed half the backstop without a restart: a writer committing during every pass of
   * the worker never lets one finish, and the WAL restarts only after a finished pass. Here, in the
   * writer's own thread and between its commits, one RESTART checkpoint copies what the worker had
   * not and lets the next commit start the WAL from its beginning.
   */
  private restart(name: string): void {
    const db = this.adopted.get(name);
    if (!db?.open || db.inTransaction) return; // the worker asks again after its next pass
    try {
      db.pragma('wal_checkpoint(RESTART)');
    } catch {
      // busy: the backstop and the next request cover it
    }
  }

  private handBack(name: string): void {
    const db = this.adopted.get(name);
    this.adopted.delete(name);
    if (db?.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    this.stopWhenIdle();
  }

  /** No file left: the thread stops (a later adopt starts another). */
  private stopWhenIdle(): void {
    if (this.adopted.size > 0 || !this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker.terminate();
  }
}

const SQLITE_DEFAULT_PAGES = 1_000;
const BACKSTOP_PAGES = 10_000;

/**
 * The worker: its own read-write connection per file, a PASSIVE checkpoint of each every
 * `everyMs`. A file it cannot open, or that fails ten checkpoints in a row, is reported back
 * (`failed`) and dropped; a busy checkpoint is simply retried at the next turn.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const files = new Map();
const give = (name) => {
  const f = files.get(name);
  if (f) { try { f.db.close(); } catch {} files.delete(name); }
};
parentPort.on('message', (m) => {
  if (m.adopt && !files.has(m.adopt)) {
    try {
      const db = new Sqlite(m.adopt, { fileMustExist: true });
      db.pragma('busy_timeout = 1000');
      db.pragma('synchronous = NORMAL');
      files.set(m.adopt, { db, failures: 0 });
    } catch {
      parentPort.postMessage({ failed: m.adopt });
    }
  }
  if (m.release) give(m.release);
});
setInterval(() => {
  for (const [name, f] of files) {
    try {
      const [{ log }] = f.db.pragma('wal_checkpoint(PASSIVE)');
      // commits during every pass keep the WAL from restarting: past restartPages, the writer
      // restarts it itself, between two of its own commits (see restart())
      if (log >= workerData.restartPages) parentPort.postMessage({ restart: name });
      f.failures = 0;
    } catch {
      if (++f.failures >= 10) { give(name); parentPort.postMessage({ failed: name }); }
    }
  }
}, workerData.everyMs);
`;

/** The process's one checkpointer: every SQLite DataSource opened by openDataSource registers with it. */
export const walCheckpointer = new WalCheckpointer();
