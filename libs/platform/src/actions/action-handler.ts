import { Errors } from '@opensts/sts-core/errors';
import type { ActionBody, ActionCall, Product } from './action.types';
import type { ActionRegistry } from './action.registry';

/** One API action of a service: registered in the ActionRegistry under `product:action`. */
export interface ApiActionHandler {
  readonly product: Product;
  readonly action: string;
  execute(call: ActionCall): Promise<ActionBody>;
}

/** The account every query is scoped to: the caller's, never a parameter. */
export function callerAccount(call: ActionCall): string {
  if (!call.principal) throw Errors.ramNoPermission();
  return call.principal.accountId;
}

/** Case-insensitive unique key of a RAM name. */
export const nameKey = (name: string): string => name.toLowerCase();

/** Registers a context's handlers with the process's ActionRegistry (call from onModuleInit). */
export function registerHandlers(registry: ActionRegistry, handlers: readonly ApiActionHandler[]): void {
  for (const h of handlers) registry.register(h.product, h.action, (call) => h.execute(call));
}
