import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { PermissionEvaluator, RequestAuthenticator, RevocationView } from '@opensts/access';
import { opensts } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { buildRequestContext, ConditionKeys, Decision, RequestContext } from '@opensts/sts-core/policy';
import { assumedRolePrincipal, CallerPrincipal, callerContextFacts } from '@opensts/sts-core/principal';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { APP_CONFIG, AppConfig, principalFromProto } from '@opensts/platform';
import { GrpcTrustErrors, requirePeer } from '../../grpc/grpc-trust';
import { normaliseSignedRequest } from '../../grpc/signed-request.mapper';

const DECISIONS: Record<Decision, opensts.Decision> = {
  Allow: opensts.Decision.DECISION_ALLOW,
  ExplicitDeny: opensts.Decision.DECISION_EXPLICIT_DENY,
  ImplicitDeny: opensts.Decision.DECISION_IMPLICIT_DENY,
};
/** One action: a wildcard would ask about several at once, and an Allow of `ecs:*` says nothing of a Deny of one of them. */
const ACTION = /^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/;

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

/** Keys that describe the subject: OpenSTS knows them, the asking service does not (and may not say). */
const SUBJECT_KEYS = [
  ConditionKeys.AccessId, ConditionKeys.PrincipalARN, ConditionKeys.PrincipalAccount, ConditionKeys.PrincipalType, ConditionKeys.PrincipalRAMUserId, ConditionKeys.MFAPresent,
];
const SUBJECT_KEYS_FOLDED = new Set(SUBJECT_KEYS.map((k) => k.toLowerCase()));

/**
 * The asking service's context with the subject's own facts in it, as every other decision point
 * has them (gateway, session administration, AssumeRole): a Deny on `acs:MFAPresent` or
 * `acs:AccessId` must deny here too. What the service says about the subject is replaced.
 */
function withSubjectFacts(asked: RequestContext, principal: CallerPrincipal, now: Date): RequestContext {
  const context: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(asked)) if (value !== undefined && !SUBJECT_KEYS_FOLDED.has(key.toLowerCase())) context[key] = value;
  const facts = buildRequestContext({ now, secureTransport: false, ...callerContextFacts(principal) });
  for (const key of SUBJECT_KEYS) if (facts[key] !== undefined) context[key] = facts[key]!;
  return context;
}

type Subject = opensts.AuthorizeRequest['subject'];

/**
 * opensts.v1.TokenService/Authorize: may this principal (or the session inside this SecurityToken,
 * or the signer of this request) perform the action on the resource? Role sessions get the role's
 * CURRENT policies intersected with their session policy. A principal or a SecurityToken proves
 * nothing by itself (a token travels beside every request signed with it), so both are taken only
 * from a mutual-TLS peer; a signed request proves its signer on any channel (ADR 0006 rule 4).
 */
@Injectable()
export class AuthorizeGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(RevocationView) private readonly revocations: RevocationView,
    @Inject(SecurityTokenCodec) private readonly tokens: SecurityTokenCodec,
  ) {}

  async authorize(call: ServerUnaryCall<opensts.AuthorizeRequest, opensts.AuthorizeResponse>, requestId: string): Promise<opensts.AuthorizeResponse> {
    const { subject, action, resource, context } = call.request;
    if (subject?.$case === 'principal') requirePeer(this.cfg, call, undefined, GrpcTrustErrors.principalRefused);
    if (subject?.$case === 'securityToken') requirePeer(this.cfg, call, undefined, GrpcTrustErrors.tokenSubjectRefused);
    if (subject === undefined) return refused(Errors.missingParameter('Principal'), requestId);
    if (!ACTION.test(action)) return refused(Errors.invalidParameter('Action', 'The parameter Action must be <service>:<ActionName>.'), requestId);
    if (!resource) return refused(Errors.missingParameter('Resource'), requestId);
    const now = new Date();
    // last: authenticating a signed request claims its nonce
    const principal = await this.principalOf(subject, now);
    if (StsError.is(principal)) return refused(principal, requestId);
    const result = this.permissions.evaluate(principal, { action, resource, context: withSubjectFacts(contextOf(context, now), principal, now) });
    const d = result.deciding;
    return { decision: DECISIONS[result.decision], deciding: d ? { policy: d.policy, statementIndex: d.statementIndex, sid: d.sid ?? '' } : undefined, error: undefined };
  }

  private async principalOf(subject: NonNullable<Subject>, now: Date): Promise<CallerPrincipal | StsError> {
    switch (subject.$case) {
      case 'principal':
        return principalFromProto(subject.value);
      case 'securityToken': {
        const decoded = this.tokens.decode(subject.value, now);
        if (!decoded.ok) return decoded.error;
        return this.revocations.isRevoked(decoded.value.session) ? Errors.securityTokenRevoked() : assumedRolePrincipal(decoded.value.session);
      }
      case 'signedRequest': {
        const normalised = normaliseSignedRequest(subject.value);
        if (!normalised.ok) return normalised.error;
        const auth = await this.authenticator.authenticate(normalised.request, now);
        if (!auth.ok) return auth.error;
        return auth.principal ?? Errors.missingCommonParameter('AccessKeyId');
      }
      default: {
        const never: never = subject;
        return never;
      }
    }
  }
}
