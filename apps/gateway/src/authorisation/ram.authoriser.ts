import { Inject, Injectable } from '@nestjs/common';
import { PermissionEvaluator } from '@opensts/access';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { buildRequestContext, type EvaluationResult } from '@opensts/sts-core/policy';
import { callerContextFacts, type CallerPrincipal } from '@opensts/sts-core/principal';
import type { ActionSpec } from '../routing/action-spec';

export interface CallFacts {
  readonly now: Date;
  readonly sourceIp: string;
  readonly secureTransport: boolean;
}

/**
 * The policy enforcement point for RAM and IMS actions (ADR 0005): `ram:<Action>` on the resource
 * the action table names, in the caller's own account, decided by the access library's evaluator
 * (the root may do anything in its account; users and role sessions need an Allow and no Deny).
 * STS actions carry no resource rule: token-issuance authorises them itself.
 */
@Injectable()
export class RamAuthoriser {
  constructor(@Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator) {}

  /** The resource ARN `spec` is authorised on for this caller, or `*`. */
  static resourceOf(spec: ActionSpec, params: ReadonlyMap<string, string>, caller: CallerPrincipal): string | undefined {
    if (!spec.resource) return undefined;
    const relative = spec.resource(params, caller);
    return relative === '*' ? '*' : `acs:ram::${caller.accountId}:${relative}`;
  }

  /** Undefined when allowed (or not the gateway's to decide); NoPermission 403 otherwise. */
  authorise(spec: ActionSpec, params: ReadonlyMap<string, string>, caller: CallerPrincipal, facts: CallFacts): StsError | undefined {
    const resource = RamAuthoriser.resourceOf(spec, params, caller);
    if (resource === undefined) return undefined;
    const also = spec.alsoOn?.(params, caller);
    return this.decide(spec, resource, caller, facts) ?? (also === undefined ? undefined : this.decide(spec, `acs:ram::${caller.accountId}:${also}`, caller, facts));
  }

  private decide(spec: ActionSpec, resource: string, caller: CallerPrincipal, facts: CallFacts): StsError | undefined {
    const action = `ram:${spec.action}`;
    const context = buildRequestContext({
      now: facts.now,
      secureTransport: facts.secureTransport,
      sourceIp: facts.sourceIp,
      ...callerContextFacts(caller),
    });
    const verdict = this.permissions.evaluate(caller, { action, resource, context });
    return verdict.decision === 'Allow' ? undefined : denied(action, caller, verdict);
  }
}

/** NoPermission (ram-api.md §9) with the AccessDeniedDetail newer gateways add (sts-api.md §8). */
function denied(action: string, caller: CallerPrincipal, verdict: EvaluationResult): StsError {
  const base = Errors.ramNoPermission();
  const displayName = caller.type === 'RAMUser' ? caller.userName : caller.type === 'AssumedRoleUser' ? `${caller.session.roleName}:${caller.session.roleSessionName}` : caller.accountId;
  return new StsError(base.code, base.httpStatus, base.message, {
    AccessDeniedDetail: {
      AuthAction: action,
      AuthPrincipalType: caller.type === 'RAMUser' ? 'SubUser' : caller.type,
      AuthPrincipalOwnerId: caller.accountId,
      AuthPrincipalDisplayName: displayName,
      PolicyType: 'AccountLevelIdentityBasedPolicy',
      NoPermissionType: verdict.decision,
    },
  });
}
