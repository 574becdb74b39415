import { ActionRegistry } from '@opensts/platform';
import type { ActionHandler } from './action-handler';

/** Registers a context's handlers with the process's ActionRegistry (call from onModuleInit). */
export function registerHandlers(registry: ActionRegistry, handlers: readonly ActionHandler[]): void {
  for (const h of handlers) registry.register(h.product, h.action, (call) => h.execute(call));
}
