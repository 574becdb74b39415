import { Inject, Injectable } from '@nestjs/common';
import type { ActionCall } from '@opensts/platform';
import { ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { EntityManager } from 'typeorm';
import { forUpdate } from '@opensts/platform';
import { AccountEntity } from '../accounts/account.entity';
import { UserRepository } from '../users/user.repository';
import type { KeyOwner } from './access-key.repository';

/**
 * Whose AccessKeys an action is about (ram-api.md §3): the named user of the caller's account;
 * without `UserName`, the calling RAM user itself, or the account's root keys for the root. A role
 * session has no keys of its own, so it must name a user. With `lock`, the owner row is locked.
 */
@Injectable()
export class AccessKeyOwnerResolver {
  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  async resolve(call: ActionCall, m: EntityManager, lock = false): Promise<KeyOwner> {
    const principal = call.principal;
    if (!principal) throw RamErrors.missing('UserName');
    const accountId = principal.accountId;
    const userName = new ActionParams(call.params).optional('UserName');
    if (userName !== undefined || principal.type !== 'Account') {
      if (userName === undefined && principal.type === 'AssumedRoleUser') throw RamErrors.missing('UserName');
      const user =
        userName !== undefined
          ? await this.users.findByName(accountId, userName, m, lock)
          : await this.users.findById(accountId, (principal as { userId: string }).userId, m, lock);
      if (!user) throw RamErrors.userNotExist();
      return { type: 'User', accountId, userId: user.userId, userName: user.userName };
    }
    const account = await m.findOne(AccountEntity, { where: { accountId }, ...(lock ? forUpdate(m) : {}) });
    if (!account) throw RamErrors.userNotExist();
    return { type: 'Account', accountId };
  }
}
