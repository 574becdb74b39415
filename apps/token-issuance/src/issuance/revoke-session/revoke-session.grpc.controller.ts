import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { PermissionEvaluator, RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { Errors } from '@opensts/sts-core/errors';
import type { SessionIssuedEvent } from '@opensts/sts-core/events';
import { isTemporaryAccessKeyId } from '@opensts/sts-core/ids';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { resolveGrpcCaller } from '../../grpc/grpc-caller';
import { authoriseSessionAdministration } from '../../grpc/session-administration';
import { EventStore } from '../infrastructure/event-store';
import { IssuanceErrors } from '../issuance.errors';
import { sessionStreamId } from '../issuance.streams';
import { RevokeSessionHandler } from './revoke-session.handler';

/**
 * opensts.v1.TokenService/RevokeSession: the caller proves itself (signed request, or the gateway's
 * principal), then needs sts:RevokeSession on the session's role in the session's own account.
 */
@Injectable()
export class RevokeSessionGrpcController {
  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(PermissionEvaluator) private readonly permissions: PermissionEvaluator,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(RevokeSessionHandler) private readonly handler: RevokeSessionHandler,
  ) {}

  async revokeSession(call: ServerUnaryCall<opensts.RevokeSessionRequest, opensts.RevokeSessionResponse>): Promise<opensts.RevokeSessionResponse> {
    const req = call.request;
    const caller = await resolveGrpcCaller({ cfg: this.cfg, authenticator: this.authenticator }, call, req.caller, req.context, 'RevokeSession');
    const accessKeyId = caller.params ? (caller.params.SessionAccessKeyId ?? '') : req.accessKeyId;
    const reason = (caller.params ? caller.params.Reason : req.reason) || undefined;
    if (!isTemporaryAccessKeyId(accessKeyId) || accessKeyId.length > 64) throw Errors.invalidParameter('AccessKeyId', 'The parameter AccessKeyId is wrongly formed.');
    const session = await this.issued(accessKeyId);
    if (!session) throw IssuanceErrors.sessionNotExist(accessKeyId);
    authoriseSessionAdministration(this.permissions, caller, {
      action: 'sts:RevokeSession',
      accountId: session.accountId,
      resource: session.roleArn,
      outsideAccount: () => IssuanceErrors.sessionNotExist(accessKeyId),
    });
    return this.handler.execute({ accessKeyId, reason });
  }

  /** Whose session it is: its SessionIssued (account and role never change afterwards). */
  private async issued(accessKeyId: string): Promise<SessionIssuedEvent['payload'] | undefined> {
    const { events } = await this.store.readStream(sessionStreamId(accessKeyId));
    const issued = events.find((e): e is SessionIssuedEvent => e.type === 'SessionIssued');
    return issued?.payload;
  }
}
