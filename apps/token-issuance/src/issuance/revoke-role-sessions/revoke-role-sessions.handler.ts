import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView } from '@opensts/access';
import { parseRoleArnParameter } from '@opensts/sts-core/arn';
import { Clock } from '../clock';
import { CommandHandler } from '../command-handler';
import { IssuanceErrors } from '../issuance.errors';
import { AggregateTypes, roleRevocationsStreamId } from '../issuance.streams';
import { RoleRevocationsDecider } from '../role-revocations.decider';

export interface RevokeRoleSessionsInput {
  readonly roleArn: string;
  /** RFC 3339; absent means now. */
  readonly issuedBefore?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * RevokeRoleSessions: moves the role's cut-off forward on the role's own stream (never touched by
 * issuing). Every session of the role issued before the cut-off is refused by every verifier.
 */
@Injectable()
export class RevokeRoleSessionsHandler {
  constructor(
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(CommandHandler) private readonly commands: CommandHandler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The cut-off in force afterwards (a later one already in force is kept). */
  async execute(input: RevokeRoleSessionsInput): Promise<{ revokedBefore: Date }> {
    const arn = parseRoleArnParameter(input.roleArn);
    if (!arn.ok) throw arn.error;
    if (input.issuedBefore && (!RFC3339.test(input.issuedBefore) || Number.isNaN(Date.parse(input.issuedBefore)))) throw IssuanceErrors.issuedBeforeInvalid();
    const role = this.directory.role(arn.arn.accountId, arn.arn.roleName);
    const { state } = await this.commands.handle(
      RoleRevocationsDecider,
      // an unknown role is refused by the decider; its (empty) stream is never written
      roleRevocationsStreamId(role?.roleId ?? 'unknown'),
      { type: 'RevokeRoleSessions', data: { requestedRoleArn: input.roleArn, role, issuedBefore: input.issuedBefore ? new Date(input.issuedBefore) : undefined, now: this.clock.now() } },
      { aggregateType: AggregateTypes.roleRevocations, accountIdOf: () => role?.accountId },
    );
    if (state.status !== 'RevokedBefore') throw new Error('role revocation left no cut-off');
    return { revokedBefore: state.issuedBefore };
  }
}
