import { ChannelCredentials, ChannelOptions, Metadata, ServiceError } from '@grpc/grpc-js';
import { opensts } from '@opensts/grpc-api';

type Method<Req, Res> = (req: Req, md: Metadata, options: { deadline: number }, cb: (err: ServiceError | null, res: Res) => void) => unknown;

/** opensts.v1.TokenService with promises: what tests and benchmarks call. Rejections are ServiceErrors. */
export class TokenServicePromiseClient {
  readonly raw: opensts.TokenServiceClient;

  constructor(address: string, credentials: ChannelCredentials, options: ChannelOptions = {}, private readonly deadlineMs = 10_000) {
    this.raw = new opensts.TokenServiceClient(address, credentials, options);
  }

  private call<Req, Res>(method: Method<Req, Res>, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => method.call(this.raw, req, new Metadata(), { deadline: Date.now() + this.deadlineMs }, (err, res) => (err ? reject(err) : resolve(res))));
  }

  assumeRole = (req: opensts.AssumeRoleRequest) => this.call<opensts.AssumeRoleRequest, opensts.AssumeRoleResponse>(this.raw.assumeRole as never, req);
  getCallerIdentity = (req: opensts.GetCallerIdentityRequest) => this.call<opensts.GetCallerIdentityRequest, opensts.GetCallerIdentityResponse>(this.raw.getCallerIdentity as never, req);
  verifyRequest = (req: opensts.VerifyRequestRequest) => this.call<opensts.VerifyRequestRequest, opensts.VerifyRequestResponse>(this.raw.verifyRequest as never, req);
  authorize = (req: opensts.AuthorizeRequest) => this.call<opensts.AuthorizeRequest, opensts.AuthorizeResponse>(this.raw.authorize as never, req);
  revokeSession = (req: opensts.RevokeSessionRequest) => this.call<opensts.RevokeSessionRequest, opensts.RevokeSessionResponse>(this.raw.revokeSession as never, req);
  revokeRoleSessions = (req: opensts.RevokeRoleSessionsRequest) => this.call<opensts.RevokeRoleSessionsRequest, opensts.RevokeRoleSessionsResponse>(this.raw.revokeRoleSessions as never, req);
  listSessions = (req: opensts.ListSessionsRequest) => this.call<opensts.ListSessionsRequest, opensts.ListSessionsResponse>(this.raw.listSessions as never, req);

  close(): void {
    this.raw.close();
  }
}
