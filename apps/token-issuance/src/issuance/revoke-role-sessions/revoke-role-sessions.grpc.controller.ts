import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { DirectoryView, PermissionEvaluator, RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { parseRoleArnParameter, roleArn } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { resolveGrpcCaller } from '../../grpc/grpc-caller';
import { authoriseSessionAdministration } from '../../grpc/session-administration';
import { RevokeRoleSessionsHandler } from './revoke-role-sessions.handler';

/**
 * opensts.v1.TokenService/RevokeRoleSessions: the caller proves itself (signed request, or the
 * gateway's principal), then needs sts:RevokeRoleSessions on the role, in its own account.
 */
@Injectable()
export class RevokeRoleSessionsGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(RevokeRoleSessionsHandler) private readonly handler: RevokeRoleSessionsHandler,
  ) {}

  async revokeRoleSessions(call: ServerUnaryCall<opensts.RevokeRoleSessionsRequest, opensts.RevokeRoleSessionsResponse>): Promise<opensts.RevokeRoleSessionsResponse> {
    const req = call.request;
    const caller = await resolveGrpcCaller({ cfg: this.cfg, authenticator: this.authenticator }, call, req.caller, req.context, 'RevokeRoleSessions');
    const requested = caller.params ? (caller.params.RoleArn ?? '') : req.roleArn;
    const issuedBefore = (caller.params ? caller.params.IssuedBefore : req.issuedBefore) || undefined;
    const arn = parseRoleArnParameter(requested);
    if (!arn.ok) throw arn.error;
    const { accountId, roleName } = arn.arn;
    authoriseSessionAdministration(this.permissions, caller, {
      action: 'sts:RevokeRoleSessions',
      accountId,
      resource: this.directory.role(accountId, roleName)?.arn ?? roleArn(accountId, roleName),
      outsideAccount: () => Errors.roleNotExist(requested),
    });
    const { revokedBefore } = await this.handler.execute({ roleArn: requested, issuedBefore });
    return { revokedBefore: revokedBefore.toISOString() };
  }
}
