import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AssumeRoleRefusedV1 } from '@opensts/sts-core/events';
import { StsError } from '@opensts/sts-core/errors';
import { IdGenerator } from '@opensts/sts-core/ids';
import { IssuedSecurityToken, SecurityTokenCodec, SessionClaims } from '@opensts/sts-core/token';
import { CommandHandler } from './command-handler';
import { EventStore } from './infrastructure/event-store';
import { SessionAlreadyIssuedError } from './issuance.errors';
import { RefusalMetrics } from './issuance.metrics';
import { AggregateTypes, sessionStreamId } from './issuance.streams';
import { IssueSession, SessionDecider } from './session.decider';
import { claimsOf } from './session.claims';

/** What every AssumeRole* hands back: the committed session's claims and its sealed credentials. */
export interface IssuedSession {
  readonly claims: SessionClaims;
  readonly credentials: IssuedSecurityToken;
}

export type Refusal = Omit<AssumeRoleRefusedV1, 'errorCode'>;

/**
 * The part of AssumeRole, AssumeRoleWithSAML and AssumeRoleWithOIDC that is the same: decide
 * IssueSession on the stream of a freshly minted AccessKeyId, append, and only once that committed
 * seal the SecurityToken; and, for a refusal, an AssumeRoleRefused record for the audit trail
 * before the caller hears about it.
 */
@Injectable()
export class SessionIssuer {
  private readonly logger = new Logger(SessionIssuer.name);
  private readonly refusals = new RefusalMetrics();

  constructor(
    @Inject(CommandHandler) private readonly commands: CommandHandler,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SecurityTokenCodec) private readonly tokens: SecurityTokenCodec,
    @Inject(IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /** `command` is built around the AccessKeyId it is given: another is minted if that one collides. */
  async issue(command: (accessKeyId: string) => IssueSession): Promise<IssuedSession> {
    for (let attempt = 1; ; attempt++) {
      const decided = command(this.ids.temporaryAccessKeyId());
      try {
        const handled = await this.commands.handle(SessionDecider, sessionStreamId(decided.data.accessKeyId), decided, {
          aggregateType: AggregateTypes.session,
          accountIdOf: () => decided.data.role?.accountId,
          newStream: true,
        });
        // no event means this very issuance was already committed: the decision is the same
        const issued = handled.events[0] ?? SessionDecider.decide(decided, SessionDecider.initialState())[0];
        if (issued.type !== 'SessionIssued') throw new Error(`IssueSession decided ${issued.type}`);
        const claims = claimsOf(issued.payload);
        return { claims, credentials: this.tokens.issue(claims) };
      } catch (err) {
        if (!(err instanceof SessionAlreadyIssuedError) || attempt >= 3) throw err;
      }
    }
  }

  /**
   * Runs `work`; a refusal the caller will see (4xx) is counted and recorded first. The record
   * failing to commit is logged, not answered: the caller still gets the refusal it earned.
   */
  async refusalsRecorded<T>(refusal: () => Refusal, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (StsError.is(err) && err.httpStatus < 500) {
        const record = refusal();
        this.refusals.record(record.mechanism, err.code);
        await this.store
          .publish(
            { type: 'AssumeRoleRefused', schemaVersion: 1, payload: { ...record, errorCode: err.code } },
            { aggregateType: 'AssumeRoleAttempt', aggregateId: record.roleArn || record.caller?.arn || record.mechanism, accountId: record.accountId },
          )
          .catch((failure: unknown) =>
            this.logger.error(`could not record a refused ${record.mechanism} (${err.code}): ${failure instanceof Error ? failure.message : String(failure)}`),
          );
      }
      throw err;
    }
  }
}
