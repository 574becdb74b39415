import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { AccessKeyRepository } from '../../access-keys/access-key.repository';
import { PolicyAttachmentsClient } from '../../shared/policy-attachments.client';
import { UserEntity } from '../user.entity';
import { emitUserEvent, userDeleted } from '../user.events';
import { UserRepository } from '../user.repository';

/**
 * Refuses while the user has AccessKeys (local) or attached policies (asked of the policy service
 * before the delete, ADR 0007); an attachment racing the delete is removed by policy's cascade.
 */
@Injectable()
export class DeleteUserHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'DeleteUser';

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AccessKeyRepository) private readonly keys: AccessKeyRepository,
    @Inject(PolicyAttachmentsClient) private readonly attachments: PolicyAttachmentsClient,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const found = await this.users.findByName(accountId, new ActionParams(call.params).required('UserName'));
    if (!found) throw RamErrors.userNotExist();
    if ((await this.keys.countForUser(accountId, found.userId)) > 0) throw RamErrors.userHasAccessKey();
    if ((await this.attachments.count(accountId, 'User', found.userId)) > 0) throw RamErrors.userHasPolicy();
    await this.outbox.run(async (m, emit) => {
      const user = await this.users.findById(accountId, found.userId, m, true);
      if (!user) throw RamErrors.userNotExist();
      if ((await this.keys.countForUser(accountId, user.userId, m)) > 0) throw RamErrors.userHasAccessKey();
      await m.delete(UserEntity, { userId: user.userId });
      emitUserEvent(emit, userDeleted(user), user, user.version + 1);
    });
    return {};
  }
}
