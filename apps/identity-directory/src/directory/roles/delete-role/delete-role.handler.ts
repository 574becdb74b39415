import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { PolicyAttachmentsClient } from '../../shared/policy-attachments.client';
import { RoleEntity } from '../role.entity';
import { emitRoleEvent, roleDeleted } from '../role.events';
import { RoleRepository } from '../role.repository';

/** Refuses while policies are attached (asked of the policy service first, ADR 0007). */
@Injectable()
export class DeleteRoleHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'DeleteRole';

  constructor(
    @Inject(RoleRepository) private readonly roles: RoleRepository,
    @Inject(PolicyAttachmentsClient) private readonly attachments: PolicyAttachmentsClient,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const found = await this.roles.findByName(accountId, new ActionParams(call.params).required('RoleName'));
    if (!found) throw RamErrors.roleNotExist();
    if ((await this.attachments.count(accountId, 'Role', found.roleId)) > 0) throw RamErrors.roleHasPolicy();
    await this.outbox.run(async (m, emit) => {
      const role = await this.roles.findById(accountId, found.roleId, m, true);
      if (!role) throw RamErrors.roleNotExist();
      await m.delete(RoleEntity, { roleId: role.roleId });
      emitRoleEvent(emit, roleDeleted(role), role, role.version + 1);
    });
    return {};
  }
}
