import type { ServiceName } from '../config';
import type { ActionBody, ActionContext } from './action.types';

/**
 * Service-to-service actions that are not part of the public API (e.g. the policy service asking
 * the directory whether a user exists). They travel on the same ActionService channel with this
 * product name; the gateway never routes a client request to them (ACTION_OWNERS does not list
 * them), and each one names the only services allowed to call it.
 */
export const INTERNAL_PRODUCT = 'Internal';

export interface InternalCall {
  action: string;
  params: Readonly<Record<string, string>>;
  /** The calling service: the mutual-TLS peer over gRPC, the declared caller in-process. */
  caller: ServiceName;
  context: ActionContext;
}

export type InternalHandler = (call: InternalCall) => Promise<ActionBody>;
