import { Injectable } from '@nestjs/common';
import { Errors } from '@opensts/sts-core/errors';
import type { ActionBody, ActionCall, ActionHandler, Product } from './action.types';

/**
 * The actions this process can perform, registered by each service module at init. In embedded
 * mode every service registers into the one registry of the process.
 */
@Injectable()
export class ActionRegistry {
  private readonly handlers = new Map<string, ActionHandler>();

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
}
