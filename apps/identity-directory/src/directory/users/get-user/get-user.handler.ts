import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { userBody } from '../user.mapper';
import { UserRepository } from '../user.repository';

@Injectable()
export class GetUserHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'GetUser';

  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const user = await this.users.findByName(callerAccount(call), new ActionParams(call.params).required('UserName'));
    if (!user) throw RamErrors.userNotExist();
    return { User: userBody(user, 'get') };
  }
}
