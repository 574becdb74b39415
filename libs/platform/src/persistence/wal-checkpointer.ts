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
 * copied, and restarts the WAL from its beginning at its first commit after a complete pass. A
 * checkpoint is idempotent, and a crash at any point leaves a WAL that SQLite replays at open, so
 * nothing committed is lost whoever checkpoints. If the worker cannot start or dies, every adopted
 * connection goes back to checkpointing itself.
 */
export class WalCheckpointer {
  private worker?: Worker;
  private failed = false;
  private readonly adopted = new Map<string, BetterSqlite3.Database>();

  constructor(private readonly everyMs = 100) {}

  /** Takes over the checkpoints of a WAL-mode file connection; in-memory and non-WAL databases are left as they are. */
  adopt(db: BetterSqlite3.Database): void {
    if (this.failed || db.memory || this.adopted.has(db.name)) return;
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return;
    const worker = this.start();
    if (!worker) return;
    db.pragma('wal_autocheckpoint = 0');
    this.adopted.set(db.name, db);
    worker.postMessage({ adopt: db.name });
  }

  /** Before its connection closes: the worker lets go of the file, and stops when no file is left. */
  release(db: BetterSqlite3.Database): void {
    if (!this.adopted.delete(db.name) || !this.worker) return;
    this.worker.postMessage({ release: db.name });
    if (this.adopted.size === 0) {
      void this.worker.terminate();
      this.worker = undefined;
    }
  }

  /** Files whose WAL the worker checkpoints (for tests and readiness). */
  get files(): string[] {
    return [...this.adopted.keys()];
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), everyMs: this.everyMs } });
      worker.unref(); // never what keeps a process alive
      worker.on('error', () => this.fallBack(worker));
      worker.on('exit', () => this.fallBack(worker));
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
    for (const db of this.adopted.values()) if (db.open) db.pragma('wal_autocheckpoint = 1000');
    this.adopted.clear();
  }
}

/** The worker: its own read-write connection per file, a PASSIVE checkpoint of each every `everyMs`. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const files = new Map();
parentPort.on('message', (m) => {
  if (m.adopt && !files.has(m.adopt)) {
    const db = new Sqlite(m.adopt, { fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    db.pragma('synchronous = NORMAL');
    files.set(m.adopt, db);
  }
  if (m.release && files.has(m.release)) {
    files.get(m.release).close();
    files.delete(m.release);
  }
});
setInterval(() => {
  for (const db of files.values()) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy or closing: the next turn checkpoints what this one could not
    }
  }
}, workerData.everyMs);
`;

/** The process's one checkpointer: every SQLite DataSource opened by openDataSource registers with it. */
export const walCheckpointer = new WalCheckpointer();
