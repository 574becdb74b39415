import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, listBody, pageRequest, toPage } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { roleBody } from '../role.mapper';
import { RoleRepository } from '../role.repository';

@Injectable()
export class ListRolesHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'ListRoles';

  constructor(@Inject(RoleRepository) private readonly roles: RoleRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const request = pageRequest(new ActionParams(call.params));
    const rows = await this.roles.page(callerAccount(call), request);
    return listBody('Roles', 'Role', toPage(rows, request, (r) => r.roleNameKey), (r) => roleBody(r, 'list'));
  }
}
