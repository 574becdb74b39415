import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount, nameKey } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { checkEmail, checkMobilePhone, checkName, checkText } from '../../shared/directory.rules';
import { UserEntity } from '../user.entity';
import { emitUserEvent, userUpdated } from '../user.events';
import { userBody } from '../user.mapper';
import { UserRepository } from '../user.repository';

@Injectable()
export class UpdateUserHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'UpdateUser';

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const userName = p.required('UserName');
    const newName = p.has('NewUserName') ? checkName('NewUserName', 'userName', p.required('NewUserName')) : undefined;
    const changes: Partial<UserEntity> = {
      ...(newName !== undefined ? { userName: newName, userNameKey: nameKey(newName) } : {}),
      ...(p.has('NewDisplayName') ? { displayName: checkText('NewDisplayName', p.optional('NewDisplayName'), 128) } : {}),
      ...(p.has('NewMobilePhone') ? { mobilePhone: checkMobilePhone('NewMobilePhone', p.optional('NewMobilePhone')) } : {}),
      ...(p.has('NewEmail') ? { email: checkEmail('NewEmail', p.optional('NewEmail')) } : {}),
      ...(p.has('NewComments') ? { comments: checkText('NewComments', p.optional('NewComments'), 128, { lines: true }) } : {}),
    };
    const updated = await onDuplicate(
      () =>
        this.outbox.run(async (m, emit) => {
          const user = await this.users.findByName(accountId, userName, m, true);
          if (!user) throw RamErrors.userNotExist();
          const changed = (Object.keys(changes) as (keyof UserEntity)[]).some((k) => changes[k] !== user[k]);
          if (!changed) return user;
          if (newName !== undefined && nameKey(newName) !== user.userNameKey && (await this.users.findByName(accountId, newName, m))) throw RamErrors.userExists();
          const next: UserEntity = { ...user, ...changes, updateDate: ramDate(), version: user.version + 1 };
          await m.update(UserEntity, { userId: user.userId }, next);
          emitUserEvent(emit, userUpdated(next, user.userName), next);
          return next;
        }),
      RamErrors.userExists,
    );
    return { User: userBody(updated, 'list') };
  }
}
