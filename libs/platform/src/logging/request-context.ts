import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that every log line and emitted event should carry, without threading them by hand. */
export interface RequestContext {
  requestId: string;
  accountId?: string;
  principalArn?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const RequestContextStore = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
