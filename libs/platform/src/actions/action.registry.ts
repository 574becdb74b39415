import { Injectable } from '@nestjs/common';
import { Errors } from '@opensts/sts-core/errors';
import type { ServiceName } from '../config';
import type { ActionBody, ActionCall, ActionHandler, Product } from './action.types';
import type { InternalCall, InternalHandler } from './internal-action.types';

/**
 * The actions this process can perform, registered by each service module at init. In embedded
 * mode every service registers into the one registry of the process.
 */
@Injectable()
export class ActionRegistry {
  private readonly handlers = new Map<string, ActionHandler>();
  private readonly internal = new Map<string, { callers: readonly ServiceName[]; handler: InternalHandler }>();

  register(product: Product, action: string, handler: ActionHandler): void {
    const key = `${product}:${action}`;
    if (this.handlers.has(key)) throw new Error(`action ${key} registered twice`);
    this.handlers.set(key, handler);
  }

  has(product: Product, action: string): boolean {
    return this.handlers.has(`${product}:${action}`);
  }

  async invoke(call: ActionCall): Promise<ActionBody> {
    const handler = this.handlers.get(`${call.product}:${call.action}`);
    if (!handler) throw Errors.invalidActionNotFound();
    return handler(call);
  }

  /** A service-to-service action (INTERNAL_PRODUCT), callable only by the services in `callers`. */
  registerInternal(action: string, callers: readonly ServiceName[], handler: InternalHandler): void {
    if (this.internal.has(action)) throw new Error(`internal action ${action} registered twice`);
    this.internal.set(action, { callers: [...callers], handler });
  }

  /** The services allowed to call an internal action; empty when it is not registered here. */
  internalCallers(action: string): readonly ServiceName[] {
    return this.internal.get(action)?.callers ?? [];
  }

  async invokeInternal(call: InternalCall): Promise<ActionBody> {
    const entry = this.internal.get(call.action);
    if (!entry) throw Errors.invalidActionNotFound();
    if (!entry.callers.includes(call.caller)) throw Errors.forbiddenRam();
    return entry.handler(call);
  }
}
