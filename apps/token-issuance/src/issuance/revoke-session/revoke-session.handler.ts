import { Inject, Injectable } from '@nestjs/common';
import { Errors } from '@opensts/sts-core/errors';
import { isTemporaryAccessKeyId } from '@opensts/sts-core/ids';
import { Clock } from '../clock';
import { CommandHandler } from '../command-handler';
import { AggregateTypes, sessionStreamId } from '../issuance.streams';
import { SessionDecider } from '../session.decider';

export interface RevokeSessionInput {
  readonly accessKeyId: string;
  readonly reason?: string;
}

/** RevokeSession: the session's own stream gets SessionRevoked; every verifier learns it from Kafka. */
@Injectable()
export class RevokeSessionHandler {
  constructor(@Inject(CommandHandler) private readonly commands: CommandHandler, @Inject(Clock) private readonly clock: Clock) {}

  /** `revoked` is false when there was nothing left to revoke (already revoked, or expired). */
  async execute({ accessKeyId, reason }: RevokeSessionInput): Promise<{ revoked: boolean }> {
    if (!isTemporaryAccessKeyId(accessKeyId) || accessKeyId.length > 64) throw Errors.invalidParameter('AccessKeyId', 'The parameter AccessKeyId is wrongly formed.');
    if (reason !== undefined && reason.length > 500) throw Errors.invalidParameterLength('Reason');
    const { events } = await this.commands.handle(
      SessionDecider,
      sessionStreamId(accessKeyId),
      { type: 'RevokeSession', data: { accessKeyId, reason: reason || undefined, now: this.clock.now() } },
      { aggregateType: AggregateTypes.session, accountIdOf: (e) => e[0]?.payload.accountId },
    );
    return { revoked: events.length > 0 };
  }
}
