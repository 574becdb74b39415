import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { IdGenerator } from '@opensts/sts-core/ids';
import { ApiActionHandler, callerAccount, nameKey } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { DIRECTORY_ID_GENERATOR, DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { checkEmail, checkMobilePhone, checkName, checkText } from '../../shared/directory.rules';
import { UserEntity } from '../user.entity';
import { emitUserEvent, userCreated } from '../user.events';
import { userBody } from '../user.mapper';
import { UserRepository } from '../user.repository';

@Injectable()
export class CreateUserHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'CreateUser';

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
    @Inject(DIRECTORY_ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const userName = checkName('UserName', 'userName', p.required('UserName'));
    const now = ramDate();
    const user: UserEntity = {
      userId: this.ids.userId(),
      accountId,
      userName,
      userNameKey: nameKey(userName),
      displayName: checkText('DisplayName', p.optional('DisplayName'), 128) ?? null,
      mobilePhone: checkMobilePhone('MobilePhone', p.optional('MobilePhone')) ?? null,
      email: checkEmail('Email', p.optional('Email')) ?? null,
      comments: checkText('Comments', p.optional('Comments'), 128, { lines: true }) ?? null,
      createDate: now,
      updateDate: now,
      lastLoginDate: null,
      version: 1,
    };
    await onDuplicate(
      () =>
        this.outbox.run(async (m, emit) => {
          if (await this.users.findByName(accountId, userName, m)) throw RamErrors.userExists();
          if ((await this.users.count(m, accountId)) >= this.limits.usersPerAccount) throw RamErrors.userLimit();
          await m.insert(UserEntity, user);
          emitUserEvent(emit, userCreated(user), user);
        }),
      RamErrors.userExists,
    );
    return { User: userBody(user, 'create') };
  }
}
