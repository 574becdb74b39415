import type { Database } from '@opensts/platform';

/** `count` bind placeholders starting after `offset`: `$n` on PostgreSQL, `?` on SQLite. */
export function placeholders(kind: Database['kind'], count: number, offset = 0): string {
  return Array.from({ length: count }, (_, i) => (kind === 'postgres' ? `$${offset + i + 1}` : '?')).join(', ');
}
