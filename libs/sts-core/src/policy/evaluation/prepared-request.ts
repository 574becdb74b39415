import { splitAction, type RequestedAction } from '../matching/action.matcher';
import { splitResource, type RequestedResource } from '../matching/resource.matcher';
import { prepareContext, type RequestContext } from '../conditions/request-context';
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
  /** Longer than any real request (EVALUATION_LIMITS): denied without matching. */
  readonly oversized: boolean;
}

/**
 * Longer inputs are denied before any pattern sees them. A `?` wildcard costs pattern × input
 * length to search, and these inputs come from clients: a resource built from a 128 K-character
 * UserName took seconds against one crafted policy. Real ones are far shorter: an ARN with an OSS
 * object key of 1 023 bytes, action names, condition values. Denying is the only safe answer: a
 * Deny statement that was not evaluated must not let the request through.
 */
export const EVALUATION_LIMITS = Object.freeze({ actionChars: 256, resourceChars: 4096, contextValueChars: 4096, contextValues: 256 });

export function isOversizedContext(context: RequestContext | undefined): boolean {
  if (context === undefined) return false;
  let values = 0;
  const tooMany = (v: string) => ++values > EVALUATION_LIMITS.contextValues || v.length > EVALUATION_LIMITS.contextValueChars;
  for (const value of Object.values(context)) {
    if (value === undefined) continue;
    if (typeof value === 'string' ? tooMany(value) : value.some(tooMany)) return true;
  }
  return false;
}

export function prepareRequest(request: AuthorizationRequest): PreparedRequest {
  return {
    action: splitAction(request.action),
    resource: splitResource(request.resource),
    context: prepareContext(request.context),
    oversized:
      request.action.length > EVALUATION_LIMITS.actionChars || request.resource.length > EVALUATION_LIMITS.resourceChars || isOversizedContext(request.context),
  };
}

export const asPrepared = (request: AuthorizationRequest | PreparedRequest): PreparedRequest =>
  typeof request.action === 'string' ? prepareRequest(request as AuthorizationRequest) : (request as PreparedRequest);
