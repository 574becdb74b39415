import type { EntityManager, FindOneOptions } from 'typeorm';

/** Row lock for read-check-write sequences on PostgreSQL; SQLite transactions are already serialised. */
export function forUpdate(m: EntityManager): Pick<FindOneOptions, 'lock'> {
  return m.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' } } : {};
}

/** True when a write failed on a unique index (PostgreSQL 23505, SQLite UNIQUE/PRIMARY KEY constraint). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** Runs `work`, turning a unique-index violation into the API's EntityAlreadyExists error. */
export async function onDuplicate<T>(work: () => Promise<T>, error: () => Error): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw error();
    throw err;
  }
}
