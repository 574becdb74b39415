import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { opensts } from '@opensts/grpc-api';
import { APP_CONFIG, AppConfig, sessionToProto } from '@opensts/platform';
import { GrpcTrust, GrpcTrustErrors, requirePeer } from '../../grpc/grpc-trust';
import { ListSessionsHandler } from './list-sessions.handler';

/** opensts.v1.TokenService/ListSessions: session administration, mutual-TLS peers only. */
@Injectable()
export class ListSessionsGrpcController {
  constructor(@Inject(APP_CONFIG) private readonly cfg: AppConfig, @Inject(ListSessionsHandler) private readonly handler: ListSessionsHandler) {}

  async listSessions(call: ServerUnaryCall<opensts.ListSessionsRequest, opensts.ListSessionsResponse>): Promise<opensts.ListSessionsResponse> {
    requirePeer(this.cfg, call, GrpcTrust.sessionAdministration, GrpcTrustErrors.peerNotAllowed);
    const r = call.request;
    const page = await this.handler.execute({ accountId: r.accountId, roleArn: r.roleArn || undefined, maxItems: r.maxItems || undefined, marker: r.marker || undefined });
    return { sessions: page.sessions.map(sessionToProto), marker: page.marker ?? '' };
  }
}
