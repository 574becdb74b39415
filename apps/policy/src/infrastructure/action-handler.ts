import type { ActionBody, ActionCall, Product } from '@opensts/platform';
import { Errors } from '@opensts/sts-core/errors';
import type { EntityManager, FindOneOptions } from 'typeorm';

/** One API action of this service: registered in the ActionRegistry under `product:action`. */
export interface ActionHandler {
  readonly product: Product;
  readonly action: string;
  execute(call: ActionCall): Promise<ActionBody>;
}

/** The account every query is scoped to: the caller's, never a parameter. */
export function callerAccount(call: ActionCall): string {
  if (!call.principal) throw Errors.ramNoPermission();
  return call.principal.accountId;
}

/** Row lock for read-check-write sequences on PostgreSQL; SQLite transactions are already serialised. */
export function forUpdate(m: EntityManager): Pick<FindOneOptions, 'lock'> {
  return m.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' } } : {};
}

/** Case-insensitive unique key of a RAM name. */
export const nameKey = (name: string): string => name.toLowerCase();
