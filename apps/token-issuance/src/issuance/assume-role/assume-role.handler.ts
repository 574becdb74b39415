import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView, PermissionEvaluator, RoleView } from '@opensts/access';
import { Errors } from '@opensts/sts-core/errors';
import { AssumeRoleAuthorization, authorizeAssumeRole, buildRequestContext } from '@opensts/sts-core/policy';
import { CallerPrincipal, callerContextFacts, trustCallerOf } from '@opensts/sts-core/principal';
import type { ActionContext } from '@opensts/platform';
import { Clock } from '../clock';
import { IssuedSession, SessionIssuer } from '../session-issuer';
import { IssueSession } from '../session.decider';
import { AssumeRoleParams, AssumeRoleRequest, parseAssumeRoleRequest } from './assume-role.request';

export interface AssumeRoleInput {
  /** Verified by the gateway or by RequestAuthenticator before the handler runs. */
  readonly caller: CallerPrincipal;
  readonly params: AssumeRoleParams;
  readonly context: ActionContext;
}

export type AssumeRoleResult = IssuedSession;

/**
 * AssumeRole (sts-api.md §3): check the request's shape, gather the role from the directory view
 * and the verdict of identity AND trust policies, decide, append the SessionIssued event to the
 * session's own new stream, and only once that committed hand out the credentials. A refusal is
 * published (AssumeRoleRefused) for the audit trail before it is answered.
 */
@Injectable()
export class AssumeRoleHandler {
  constructor(
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  execute(input: AssumeRoleInput): Promise<AssumeRoleResult> {
    return this.issuer.refusalsRecorded(
      () => refusalOf(input),
      async () => {
        const request = withChainedSourceIdentity(input.caller, parseAssumeRoleRequest(input.params));
        const role = this.directory.role(request.roleArn.accountId, request.roleArn.roleName);
        const now = this.clock.now();
        const authorization = role && input.caller.type !== 'Account' ? this.authorize(input, request, role, now) : undefined;
        return this.issuer.issue((accessKeyId) => command(accessKeyId, input.caller, request, role, authorization, now));
      },
    );
  }

  private authorize(input: AssumeRoleInput, request: AssumeRoleRequest, role: RoleView, now: Date): AssumeRoleAuthorization {
    const caller = input.caller;
    const identityPolicies =
      caller.type === 'RAMUser'
        ? this.directory.identityPolicies(caller.accountId, { type: 'User', id: caller.userId })
        : caller.type === 'AssumedRoleUser'
          ? this.directory.identityPolicies(caller.session.accountId, { type: 'Role', id: caller.session.roleId })
          : [];
    const ownSessionPolicy = caller.type === 'AssumedRoleUser' && caller.session.policy ? this.permissions.sessionPolicy(caller.session.policy) : undefined;
    const context = buildRequestContext({
      now,
      secureTransport: input.context.secureTransport,
      sourceIp: input.context.sourceIp || undefined,
      ...callerContextFacts(caller),
      externalId: request.externalId,
      sourceIdentity: request.sourceIdentity,
    });
    return authorizeAssumeRole({ caller: trustCallerOf(caller), identityPolicies, sessionPolicy: ownSessionPolicy, roleArn: role.arn, trustPolicy: role.trustPolicy, context });
  }
}

function command(accessKeyId: string, caller: CallerPrincipal, request: AssumeRoleRequest, role: RoleView | undefined, authorization: AssumeRoleAuthorization | undefined, now: Date): IssueSession {
  return {
    type: 'IssueSession',
    data: {
      accessKeyId,
      mechanism: 'AssumeRole',
      caller: { type: caller.type, arn: caller.arn },
      requestedRoleArn: request.roleArnText,
      role,
      roleSessionName: request.roleSessionName,
      sessionPolicy: request.policy,
      durationSeconds: request.durationSeconds,
      sourceIdentity: request.sourceIdentity,
      authorization,
      now,
    },
  };
}

function refusalOf(input: AssumeRoleInput) {
  const { RoleArn, RoleSessionName } = input.params;
  return {
    accountId: input.caller.accountId,
    roleArn: typeof RoleArn === 'string' ? RoleArn.slice(0, 300) : '',
    roleSessionName: typeof RoleSessionName === 'string' ? RoleSessionName.slice(0, 64) : undefined,
    mechanism: 'AssumeRole' as const,
    caller: { type: input.caller.type, arn: input.caller.arn },
  };
}

/**
 * SourceIdentity, once a session carries one, is the identity of whoever started the chain: a
 * role session passes it on to the sessions it assumes and may not replace it, or a chain could
 * launder its audit trail and `sts:SourceIdentity` conditions (AWS behaves the same).
 */
function withChainedSourceIdentity(caller: CallerPrincipal, request: AssumeRoleRequest): AssumeRoleRequest {
  const inherited = caller.type === 'AssumedRoleUser' ? caller.session.sourceIdentity : undefined;
  if (inherited === undefined) return request;
  if (request.sourceIdentity !== undefined && request.sourceIdentity !== inherited) throw Errors.sourceIdentityChanged();
  return { ...request, sourceIdentity: inherited };
}
