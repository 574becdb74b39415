import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { opensts } from '@opensts/grpc-api';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { GrpcTrust, GrpcTrustErrors, requirePeer } from '../../grpc/grpc-trust';
import { RevokeRoleSessionsHandler } from './revoke-role-sessions.handler';

/** opensts.v1.TokenService/RevokeRoleSessions: session administration, mutual-TLS peers only. */
@Injectable()
export class RevokeRoleSessionsGrpcController {
  constructor(@Inject(APP_CONFIG) private readonly cfg: AppConfig, @Inject(RevokeRoleSessionsHandler) private readonly handler: RevokeRoleSessionsHandler) {}

  async revokeRoleSessions(call: ServerUnaryCall<opensts.RevokeRoleSessionsRequest, opensts.RevokeRoleSessionsResponse>): Promise<opensts.RevokeRoleSessionsResponse> {
    requirePeer(this.cfg, call, GrpcTrust.sessionAdministration, GrpcTrustErrors.peerNotAllowed);
    const { revokedBefore } = await this.handler.execute({ roleArn: call.request.roleArn, issuedBefore: call.request.issuedBefore || undefined });
    return { revokedBefore: revokedBefore.toISOString() };
  }
}
