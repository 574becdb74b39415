import type { Database } from '@opensts/platform';

/** Built once per (kind, count, offset): a group commit asks for the same lists at every append (~1 % of an AssumeRole in a CPU profile). */
const built = new Map<string, string>();
const MAX_BUILT = 10_000;

/** `count` bind placeholders starting after `offset`: `$n` on PostgreSQL, `?` on SQLite. */
export function placeholders(kind: Database['kind'], count: number, offset = 0): string {
  const key = `${kind}:${count}:${offset}`;
  let list = built.get(key);
  if (list === undefined) {
    list = Array.from({ length: count }, (_, i) => (kind === 'postgres' ? `$${offset + i + 1}` : '?')).join(', ');
    if (built.size < MAX_BUILT) built.set(key, list);
  }
  return list;
}
