import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, EntityManager } from 'typeorm';

/** What the hot paths use of `pg`'s client and pool (TypeORM's own, reached through its driver). */
interface PgClient {
  query(q: string | { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  release(err?: Error): void;
}

interface PgPool {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgClient>;
}

/**
 * A service's database. All writes go through `transaction` (or, on SQLite hot paths,
 * `writeSync`): on SQLite the driver shares one connection, so concurrent TypeORM transactions
 * would interleave; they are queued here instead. On PostgreSQL each transaction takes its own
 * pooled connection.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  /** SQLite: transactions queued or running; 0 means the connection is free right now. */
  private busy = 0;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly statementNames = new Map<string, string>();

  constructor(readonly dataSource: DataSource) {}

  get kind(): 'postgres' | 'sqlite' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'postgres') return this.dataSource.transaction(work);
    return this.enqueue(() => this.dataSource.transaction(work));
  }

  /**
   * SQLite hot paths: `work` runs prepared statements synchronously inside one transaction, in
   * turn with `transaction(...)`. Nothing awaits inside, so when the connection is free it runs at
   * once, without TypeORM's query runner and without a trip through the queue (bench/RESULTS.md,
   * gateway). The promise settles after COMMIT (or ROLLBACK, rejecting).
   */
  writeSync<T>(work: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
    if (this.busy === 0 && !this.sqlite.inTransaction) {
      try {
        return Promise.resolve(this.runSync(work));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.enqueue(async () => this.runSync(work));
  }

  /** SQLite: the driver's connection. Write only through `writeSync`. */
  get sqlite(): BetterSqlite3.Database {
    if (this.kind !== 'sqlite') throw new Error('the raw connection is SQLite-only');
    return (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  }

  /** SQLite: a prepared statement, compiled once per SQL text. */
  prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * PostgreSQL hot paths: one statement on a pooled connection straight through `pg`, without
   * TypeORM's query runner, as a named prepared statement (parsed and planned once per
   * connection), so `text` must not vary with the data: pass arrays and `unnest` them, or leave
   * `name` out and get one name per distinct text (a multi-row insert: one per row count). Each
   * statement is its own implicit transaction.
   */
  async preparedQuery<R>(name: string | undefined, text: string, values: unknown[]): Promise<R[]> {
    name ??= this.statementName(text);
    return (await this.pgPool('preparedQuery').query({ name, text, values })).rows as R[];
  }

  /**
   * PostgreSQL hot paths that need a transaction around more than one statement (or around work
   * between them): `work` runs its statements through `query`, straight through `pg` like
   * `preparedQuery`, on one pooled connection between BEGIN and COMMIT; a throw rolls it back.
   */
  async pgTransaction<T>(work: (query: <R>(name: string | undefined, text: string, values: unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
    const client = await this.pgPool('pgTransaction').connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(async (name, text, values) => (await client.query({ name: name ?? this.statementName(text), text, values })).rows as never[]);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e)); // a connection that cannot roll back is not reused
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** PostgreSQL: TypeORM's `pg` pool, for the hot paths that bypass its query runner. */
  private pgPool(caller: string): PgPool {
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (this.kind !== 'postgres' || !pool) throw new Error(`${caller} is PostgreSQL-only`);
    return pool;
  }

  /** A name per distinct statement text (a multi-row insert has one text per row count). */
  private statementName(text: string): string {
    let name = this.statementNames.get(text);
    if (name === undefined) {
      name = `opensts-${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      if (this.statementNames.size < 1_000) this.statementNames.set(text, name);
    }
    return name;
  }

  async isReady(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    this.busy++;
    const result = this.queue.then(run).finally(() => this.busy--);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private runSync<T>(work: (sqlite: BetterSqlite3.Database) => T): T {
    const sqlite = this.sqlite;
    // a write TypeORM started outside this queue would otherwise swallow ours as a savepoint
    if (sqlite.inTransaction) throw new Error('SQLite connection is inside a transaction not started through Database');
    return sqlite.transaction(work).immediate(sqlite);
  }
}
