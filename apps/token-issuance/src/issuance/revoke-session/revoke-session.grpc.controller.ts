import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { opensts } from '@opensts/grpc-api';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { GrpcTrust, GrpcTrustErrors, requirePeer } from '../../grpc/grpc-trust';
import { RevokeSessionHandler } from './revoke-session.handler';

/** opensts.v1.TokenService/RevokeSession: session administration, mutual-TLS peers only. */
@Injectable()
export class RevokeSessionGrpcController {
  constructor(@Inject(APP_CONFIG) private readonly cfg: AppConfig, @Inject(RevokeSessionHandler) private readonly handler: RevokeSessionHandler) {}

  async revokeSession(call: ServerUnaryCall<opensts.RevokeSessionRequest, opensts.RevokeSessionResponse>): Promise<opensts.RevokeSessionResponse> {
    requirePeer(this.cfg, call, GrpcTrust.sessionAdministration, GrpcTrustErrors.peerNotAllowed);
    return this.handler.execute({ accessKeyId: call.request.accessKeyId, reason: call.request.reason || undefined });
  }
}
