import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { roleBody } from '../role.mapper';
import { RoleRepository } from '../role.repository';

@Injectable()
export class GetRoleHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'GetRole';

  constructor(@Inject(RoleRepository) private readonly roles: RoleRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const role = await this.roles.findByName(callerAccount(call), new ActionParams(call.params).required('RoleName'));
    if (!role) throw RamErrors.roleNotExist();
    return { Role: roleBody(role, 'get') };
  }
}
