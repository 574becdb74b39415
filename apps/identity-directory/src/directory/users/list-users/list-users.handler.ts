import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, listBody, pageRequest, toPage } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { userBody } from '../user.mapper';
import { UserRepository } from '../user.repository';

@Injectable()
export class ListUsersHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'ListUsers';

  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const request = pageRequest(new ActionParams(call.params));
    const rows = await this.users.page(callerAccount(call), request);
    return listBody('Users', 'User', toPage(rows, request, (u) => u.userNameKey), (u) => userBody(u, 'list'));
  }
}
