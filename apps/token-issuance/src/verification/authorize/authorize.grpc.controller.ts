import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { PermissionEvaluator, RevocationView } from '@opensts/access';
import { opensts } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { ConditionKeys, Decision, RequestContext } from '@opensts/sts-core/policy';
import { assumedRolePrincipal, CallerPrincipal } from '@opensts/sts-core/principal';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { APP_CONFIG, AppConfig, principalFromProto } from '@opensts/platform';
import { GrpcTrustErrors, requirePeer } from '../../grpc/grpc-trust';

const DECISIONS: Record<Decision, opensts.Decision> = {
  Allow: opensts.Decision.DECISION_ALLOW,
  ExplicitDeny: opensts.Decision.DECISION_EXPLICIT_DENY,
  ImplicitDeny: opensts.Decision.DECISION_IMPLICIT_DENY,
};
const ACTION = /^[A-Za-z0-9_-]+:[A-Za-z0-9_*?-]+$/;

const refused = (e: StsError, requestId: string): opensts.AuthorizeResponse => ({
  decision: opensts.Decision.DECISION_UNSPECIFIED,
  deciding: undefined,
  error: { code: e.code, message: e.message, httpStatus: e.httpStatus, requestId },
});

/** The proto's context map as the policy engine's request context; acs:CurrentTime filled in. */
function contextOf(map: Record<string, opensts.ContextValue>, now: Date): RequestContext {
  const context: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(map)) context[key] = value.values.length === 1 ? value.values[0] : value.values;
  const currentTime = ConditionKeys.CurrentTime.toLowerCase();
  if (!Object.keys(context).some((k) => k.toLowerCase() === currentTime)) context[ConditionKeys.CurrentTime] = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return context;
}

/**
 * opensts.v1.TokenService/Authorize: may this principal (or the session inside this SecurityToken)
 * perform the action on the resource? Role sessions get the role's CURRENT policies intersected
 * with their session policy. A principal is taken only from a mutual-TLS peer; a token proves
 * itself (it is sealed by the token key ring) and is checked against the revocation view.
 */
@Injectable()
export class AuthorizeGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(RevocationView) private readonly revocations: RevocationView,
    @Inject(SecurityTokenCodec) private readonly tokens: SecurityTokenCodec,
  ) {}

  async authorize(call: ServerUnaryCall<opensts.AuthorizeRequest, opensts.AuthorizeResponse>, requestId: string): Promise<opensts.AuthorizeResponse> {
    const { subject, action, resource, context } = call.request;
    const now = new Date();
    let principal: CallerPrincipal;
    if (subject?.$case === 'principal') {
      requirePeer(this.cfg, call, undefined, GrpcTrustErrors.principalRefused);
      principal = principalFromProto(subject.value);
    } else if (subject?.$case === 'securityToken') {
      const decoded = this.tokens.decode(subject.value, now);
      if (!decoded.ok) return refused(decoded.error, requestId);
      if (this.revocations.isRevoked(decoded.value.session)) return refused(Errors.securityTokenRevoked(), requestId);
      principal = assumedRolePrincipal(decoded.value.session);
    } else {
      return refused(Errors.missingParameter('Principal'), requestId);
    }
    if (!ACTION.test(action)) return refused(Errors.invalidParameter('Action', 'The parameter Action must be <service>:<ActionName>.'), requestId);
    if (!resource) return refused(Errors.missingParameter('Resource'), requestId);
    const result = this.permissions.evaluate(principal, { action, resource, context: contextOf(context, now) });
    const d = result.deciding;
    return { decision: DECISIONS[result.decision], deciding: d ? { policy: d.policy, statementIndex: d.statementIndex, sid: d.sid ?? '' } : undefined, error: undefined };
  }
}
