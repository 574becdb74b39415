import { Inject, Injectable, Logger } from '@nestjs/common';
import { DirectoryView, PermissionEvaluator, RoleView } from '@opensts/access';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { IdGenerator } from '@opensts/sts-core/ids';
import { AssumeRoleAuthorization, authorizeAssumeRole, buildRequestContext } from '@opensts/sts-core/policy';
import { CallerPrincipal, callerContextFacts, trustCallerOf } from '@opensts/sts-core/principal';
import { IssuedSecurityToken, SecurityTokenCodec, SessionClaims } from '@opensts/sts-core/token';
import type { ActionContext } from '@opensts/platform';
import { Clock } from '../clock';
import { CommandHandler } from '../command-handler';
import { EventStore } from '../infrastructure/event-store';
import { SessionAlreadyIssuedError } from '../issuance.errors';
import { RefusalMetrics } from '../issuance.metrics';
import { AggregateTypes, sessionStreamId } from '../issuance.streams';
import { IssueSession, SessionDecider } from '../session.decider';
import { claimsOf } from '../session.claims';
import { AssumeRoleParams, AssumeRoleRequest, parseAssumeRoleRequest } from './assume-role.request';

export interface AssumeRoleInput {
  /** Verified by the gateway or by RequestAuthenticator before the handler runs. */
  readonly caller: CallerPrincipal;
  readonly params: AssumeRoleParams;
  readonly context: ActionContext;
}

export interface AssumeRoleResult {
  readonly claims: SessionClaims;
  readonly credentials: IssuedSecurityToken;
}

/**
 * AssumeRole (sts-api.md §3): check the request's shape, gather the role from the directory view
 * and the verdict of identity AND trust policies, decide, append the SessionIssued event to the
 * session's own new stream, and only once that committed hand out the credentials. A refusal is
 * published (AssumeRoleRefused) for the audit trail before it is answered.
 */
@Injectable()
export class AssumeRoleHandler {
  private readonly logger = new Logger(AssumeRoleHandler.name);
  private readonly refusals = new RefusalMetrics();

  constructor(
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(CommandHandler) private readonly commands: CommandHandler,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SecurityTokenCodec) private readonly tokens: SecurityTokenCodec,
    @Inject(IdGenerator) private readonly ids: IdGenerator,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(input: AssumeRoleInput): Promise<AssumeRoleResult> {
    try {
      const request = withChainedSourceIdentity(input.caller, parseAssumeRoleRequest(input.params));
      const role = this.directory.role(request.roleArn.accountId, request.roleArn.roleName);
      const now = this.clock.now();
      const authorization = role && input.caller.type !== 'Account' ? this.authorize(input, request, role, now) : undefined;
      for (let attempt = 1; ; attempt++) {
        const command = this.command(input.caller, request, role, authorization, now);
        try {
          const handled = await this.commands.handle(SessionDecider, sessionStreamId(command.data.accessKeyId), command, {
            aggregateType: AggregateTypes.session,
            accountIdOf: () => role?.accountId,
            newStream: true,
          });
          // no event means this very issuance was already committed: the decision is the same
          const issued = handled.events[0] ?? SessionDecider.decide(command, SessionDecider.initialState())[0];
          if (issued.type !== 'SessionIssued') throw new Error(`IssueSession decided ${issued.type}`);
          const claims = claimsOf(issued.payload);
          return { claims, credentials: this.tokens.issue(claims) };
        } catch (err) {
          if (!(err instanceof SessionAlreadyIssuedError) || attempt >= 3) throw err;
        }
      }
    } catch (err) {
      if (StsError.is(err) && err.httpStatus < 500) {
        this.refusals.record('AssumeRole', err.code);
        await this.recordRefusal(input, err);
      }
      throw err;
    }
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

  private command(caller: CallerPrincipal, request: AssumeRoleRequest, role: RoleView | undefined, authorization: AssumeRoleAuthorization | undefined, now: Date): IssueSession {
    return {
      type: 'IssueSession',
      data: {
        accessKeyId: this.ids.temporaryAccessKeyId(),
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

  private async recordRefusal(input: AssumeRoleInput, error: StsError): Promise<void> {
    const roleArn = typeof input.params.RoleArn === 'string' ? input.params.RoleArn.slice(0, 300) : '';
    const roleSessionName = typeof input.params.RoleSessionName === 'string' ? input.params.RoleSessionName.slice(0, 64) : undefined;
    const caller = input.caller;
    await this.store
      .publish(
        {
          type: 'AssumeRoleRefused',
          schemaVersion: 1,
          payload: { accountId: caller.accountId, roleArn, roleSessionName, mechanism: 'AssumeRole', caller: { type: caller.type, arn: caller.arn }, errorCode: error.code },
        },
        { aggregateType: 'AssumeRoleAttempt', aggregateId: roleArn || caller.arn, accountId: caller.accountId },
      )
      .catch((err: unknown) => this.logger.error(`could not record a refused AssumeRole (${error.code}): ${err instanceof Error ? err.message : String(err)}`));
  }
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
