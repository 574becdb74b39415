import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { resolveGrpcCaller } from '../../grpc/grpc-caller';
import { GetCallerIdentityHandler } from './get-caller-identity.handler';

/** opensts.v1.TokenService/GetCallerIdentity. */
@Injectable()
export class GetCallerIdentityGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(GetCallerIdentityHandler) private readonly handler: GetCallerIdentityHandler,
  ) {}

  async getCallerIdentity(call: ServerUnaryCall<opensts.GetCallerIdentityRequest, opensts.GetCallerIdentityResponse>, requestId: string): Promise<opensts.GetCallerIdentityResponse> {
    const caller = await resolveGrpcCaller({ cfg: this.cfg, authenticator: this.authenticator }, call, call.request.caller, call.request.context, 'GetCallerIdentity');
    const b = this.handler.execute(caller.principal);
    return { requestId, accountId: b.AccountId, arn: b.Arn, identityType: b.IdentityType, principalId: b.PrincipalId, userId: b.UserId ?? '', roleId: b.RoleId ?? '' };
  }
}
