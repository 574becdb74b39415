import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { DirectoryView, PermissionEvaluator, RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { parseRoleArnParameter, roleArn } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';
import { APP_CONFIG, AppConfig, sessionToProto } from '@opensts/platform';
import { resolveGrpcCaller } from '../../grpc/grpc-caller';
import { authoriseSessionAdministration, everyRoleOf } from '../../grpc/session-administration';
import { ListSessionsHandler } from './list-sessions.handler';

/**
 * opensts.v1.TokenService/ListSessions: the caller proves itself (signed request, or the gateway's
 * principal), then needs sts:ListSessions on the role filtered on (every role of the account
 * without a filter); only its own account's sessions are listed.
 */
@Injectable()
export class ListSessionsGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(ListSessionsHandler) private readonly handler: ListSessionsHandler,
  ) {}

  async listSessions(call: ServerUnaryCall<opensts.ListSessionsRequest, opensts.ListSessionsResponse>): Promise<opensts.ListSessionsResponse> {
    const r = call.request;
    const caller = await resolveGrpcCaller({ cfg: this.cfg, authenticator: this.authenticator }, call, r.caller, r.context, 'ListSessions');
    const p = caller.params;
    const accountId = (p ? p.AccountId : r.accountId) || caller.principal.accountId;
    const requestedRole = (p ? p.RoleArn : r.roleArn) || undefined;
    const maxItems = p ? (p.MaxItems ? Number(p.MaxItems) : undefined) : r.maxItems || undefined;
    const marker = (p ? p.Marker : r.marker) || undefined;
    let resource = everyRoleOf(accountId);
    if (requestedRole !== undefined) {
      const arn = parseRoleArnParameter(requestedRole);
      if (!arn.ok) throw arn.error;
      const { accountId: roleAccount, roleName } = arn.arn;
      // a role of another account is not one of this account's roles
      if (roleAccount !== accountId) throw Errors.roleNotExist(requestedRole);
      resource = this.directory.role(roleAccount, roleName)?.arn ?? roleArn(roleAccount, roleName);
    }
    authoriseSessionAdministration(this.permissions, caller, { action: 'sts:ListSessions', accountId, resource, outsideAccount: () => Errors.noPermission() });
    const page = await this.handler.execute({ accountId, roleArn: requestedRole, maxItems, marker });
    return { sessions: page.sessions.map(sessionToProto), marker: page.marker ?? '' };
  }
}
