import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Metadata, sendUnaryData, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { opensts } from '@opensts/grpc-api';
import { newRequestId } from '@opensts/sts-core/ids';
import { StsError } from '@opensts/sts-core/errors';
import { GrpcServerHost, RequestContextStore, toServiceError, withIncomingGrpcTraceContext } from '@opensts/platform';
import { AssumeRoleGrpcController } from '../issuance/assume-role/assume-role.grpc.controller';
import { GetCallerIdentityGrpcController } from '../issuance/get-caller-identity/get-caller-identity.grpc.controller';
import { ListSessionsGrpcController } from '../issuance/list-sessions/list-sessions.grpc.controller';
import { RevokeRoleSessionsGrpcController } from '../issuance/revoke-role-sessions/revoke-role-sessions.grpc.controller';
import { RevokeSessionGrpcController } from '../issuance/revoke-session/revoke-session.grpc.controller';
import { AuthorizeGrpcController } from '../verification/authorize/authorize.grpc.controller';
import { VerifyRequestGrpcController } from '../verification/verify-request/verify-request.grpc.controller';

type Rpc<Req, Res> = (call: ServerUnaryCall<Req, Res>, requestId: string) => Promise<Res>;

/**
 * Serves opensts.v1.TokenService on the process's gRPC server. Each call runs under its
 * RequestId (the caller's, else a new one) so logs and emitted events carry it; every failure
 * becomes a gRPC status in one place (toServiceError: code, message and HTTP status in metadata).
 */
@Injectable()
export class TokenServiceGrpcServer implements OnModuleInit {
  private readonly logger = new Logger(TokenServiceGrpcServer.name);

  constructor(
    @Inject(GrpcServerHost) private readonly host: GrpcServerHost,
    @Inject(AssumeRoleGrpcController) private readonly assumeRole: AssumeRoleGrpcController,
    @Inject(GetCallerIdentityGrpcController) private readonly getCallerIdentity: GetCallerIdentityGrpcController,
    @Inject(VerifyRequestGrpcController) private readonly verifyRequest: VerifyRequestGrpcController,
    @Inject(AuthorizeGrpcController) private readonly authorize: AuthorizeGrpcController,
    @Inject(RevokeSessionGrpcController) private readonly revokeSession: RevokeSessionGrpcController,
    @Inject(RevokeRoleSessionsGrpcController) private readonly revokeRoleSessions: RevokeRoleSessionsGrpcController,
    @Inject(ListSessionsGrpcController) private readonly listSessions: ListSessionsGrpcController,
  ) {}

  onModuleInit(): void {
    const implementation: opensts.TokenServiceServer = {
      assumeRole: this.unary((c, id) => this.assumeRole.assumeRole(c, id)),
      getCallerIdentity: this.unary((c, id) => this.getCallerIdentity.getCallerIdentity(c, id)),
      verifyRequest: this.unary((c, id) => this.verifyRequest.verifyRequest(c, id)),
      authorize: this.unary((c, id) => this.authorize.authorize(c, id)),
      revokeSession: this.unary((c) => this.revokeSession.revokeSession(c)),
      revokeRoleSessions: this.unary((c) => this.revokeRoleSessions.revokeRoleSessions(c)),
      listSessions: this.unary((c) => this.listSessions.listSessions(c)),
    };
    this.host.addService(opensts.TokenServiceService, implementation as UntypedServiceImplementation);
  }

  private unary<Req, Res>(rpc: Rpc<Req, Res>): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
    return (call, callback) => {
      const context = (call.request as { context?: { requestId?: string } }).context;
      const requestId = callerRequestId(context?.requestId) ?? newRequestId();
      const startedAt = performance.now();
      // one line per call, with its RequestId from the context (the gateway's, when it relays)
      const done = (outcome: string) => this.logger.log(`${rpcName(call)} ${outcome} ${Math.round((performance.now() - startedAt) * 100) / 100}ms`);
      withIncomingGrpcTraceContext(call.metadata, () =>
        RequestContextStore.run({ requestId }, () =>
          rpc(call, requestId).then(
            (response) => {
              done(outcomeOf(response));
              // every answer names its RequestId, as errors do (toServiceError): not every response message has a field for it
              const trailer = new Metadata();
              trailer.set('x-acs-request-id', requestId);
              callback(null, response, trailer);
            },
            (err: unknown) => {
              if (!StsError.is(err)) this.logger.error(`${call.getPath()} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
              done(StsError.is(err) ? err.code : 'InternalError');
              callback(toServiceError(err, requestId));
            },
          ),
        ),
      );
    };
  }
}

/**
 * What a call's log line says of an answer: VerifyRequest and Authorize answer a refusal inside the
 * response (the error, or the decision), which the log must not call OK.
 */
export function outcomeOf(response: unknown): string {
  const r = response as { result?: { $case?: string; value?: { code?: string } }; error?: { code?: string }; decision?: number };
  if (r?.result?.$case === 'error') return r.result.value?.code || 'Refused';
  if (r?.error?.code) return r.error.code;
  if (r?.decision !== undefined) return opensts.decisionToJSON(r.decision as opensts.Decision);
  return 'OK';
}

/** `AssumeRole` of `/opensts.v1.TokenService/AssumeRole`. */
function rpcName(call: { getPath(): string }): string {
  const path = call.getPath();
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A caller's RequestId (the gateway's, when it relays; another service's own) is kept only if it
 * looks like one: it is written into every event and audit record of the call, and the audit
 * trail's column holds 64 characters.
 */
export function callerRequestId(id: string | undefined): string | undefined {
  return id !== undefined && /^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : undefined;
}
