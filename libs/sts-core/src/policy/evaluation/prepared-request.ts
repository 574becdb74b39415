import { splitAction, type RequestedAction } from '../matching/action.matcher';
import { splitResource, type RequestedResource } from '../matching/resource.matcher';
import { prepareContext } from '../conditions/request-context';
import type { ContextLookup } from '../conditions/condition.compiler';
import type { AuthorizationRequest } from './evaluation.types';

/**
 * A request with its action split and lowercased, its resource ARN split into segments and its
 * context keys folded: done once, then reused across every policy and statement. Callers that
 * evaluate one request against several policy sets can prepare it themselves and pass it on.
 */
export interface PreparedRequest {
  readonly action: RequestedAction;
  readonly resource: RequestedResource;
  readonly context: ContextLookup;
}

export function prepareRequest(request: AuthorizationRequest): PreparedRequest {
  return {
    action: splitAction(request.action),
    resource: splitResource(request.resource),
    context: prepareContext(request.context),
  };
}

export const asPrepared = (request: AuthorizationRequest | PreparedRequest): PreparedRequest =>
  typeof request.action === 'string' ? prepareRequest(request as AuthorizationRequest) : (request as PreparedRequest);
