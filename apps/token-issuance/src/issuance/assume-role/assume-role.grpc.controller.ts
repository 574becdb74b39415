import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { resolveGrpcCaller } from '../../grpc/grpc-caller';
import { AssumeRoleHandler } from './assume-role.handler';
import { assumeRoleBody } from './assume-role.response';

/** The proto's AssumeRoleParams as the HTTP API's parameter names ('' and 0 mean "not set"). */
const paramsOf = (p: opensts.AssumeRoleParams | undefined): Record<string, string> => ({
  RoleArn: p?.roleArn ?? '',
  RoleSessionName: p?.roleSessionName ?? '',
  Policy: p?.policy ?? '',
  DurationSeconds: p?.durationSeconds ? String(p.durationSeconds) : '',
  ExternalId: p?.externalId ?? '',
  SourceIdentity: p?.sourceIdentity ?? '',
});

/** opensts.v1.TokenService/AssumeRole. */
@Injectable()
export class AssumeRoleGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(AssumeRoleHandler) private readonly handler: AssumeRoleHandler,
  ) {}

  async assumeRole(call: ServerUnaryCall<opensts.AssumeRoleRequest, opensts.AssumeRoleResponse>, requestId: string): Promise<opensts.AssumeRoleResponse> {
    const req = call.request;
    const caller = await resolveGrpcCaller({ cfg: this.cfg, authenticator: this.authenticator }, call, req.caller, req.context, 'AssumeRole');
    const result = await this.handler.execute({ caller: caller.principal, params: caller.params ?? paramsOf(req.params), context: { ...caller.context, requestId } });
    const body = assumeRoleBody(result) as { Credentials: Record<string, string>; AssumedRoleUser: Record<string, string>; SourceIdentity?: string };
    return {
      requestId,
      credentials: { accessKeyId: body.Credentials.AccessKeyId, accessKeySecret: body.Credentials.AccessKeySecret, securityToken: body.Credentials.SecurityToken, expiration: body.Credentials.Expiration },
      assumedRoleUser: { arn: body.AssumedRoleUser.Arn, assumedRoleId: body.AssumedRoleUser.AssumedRoleId },
      sourceIdentity: body.SourceIdentity ?? '',
    };
  }
}
