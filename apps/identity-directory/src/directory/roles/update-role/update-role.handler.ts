import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { parseTrustPolicyDocument } from '@opensts/sts-core/policy';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { checkMaxSessionDuration, checkText } from '../../shared/directory.rules';
import { RoleEntity } from '../role.entity';
import { emitRoleEvent, roleUpdated } from '../role.events';
import { roleBody } from '../role.mapper';
import { RoleRepository } from '../role.repository';

/** Trust-policy changes apply to future AssumeRole calls only (sessions already issued stay valid). */
@Injectable()
export class UpdateRoleHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'UpdateRole';

  constructor(
    @Inject(RoleRepository) private readonly roles: RoleRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const roleName = p.required('RoleName');
    const document = p.optional('NewAssumeRolePolicyDocument');
    if (document !== undefined) parseTrustPolicyDocument(document, 'NewAssumeRolePolicyDocument');
    const changes: Partial<RoleEntity> = {
      ...(document !== undefined ? { assumeRolePolicyDocument: document } : {}),
      ...(p.has('NewDescription') ? { description: checkText('NewDescription', p.optional('NewDescription'), 1024, { lines: true }) } : {}),
      ...(p.has('NewMaxSessionDuration') ? { maxSessionDuration: checkMaxSessionDuration('NewMaxSessionDuration', p.optional('NewMaxSessionDuration')) } : {}),
    };
    const updated = await this.outbox.run(async (m, emit) => {
      const role = await this.roles.findByName(accountId, roleName, m, true);
      if (!role) throw RamErrors.roleNotExist();
      if (!(Object.keys(changes) as (keyof RoleEntity)[]).some((k) => changes[k] !== role[k])) return role;
      const next: RoleEntity = { ...role, ...changes, updateDate: ramDate(), version: role.version + 1 };
      await m.update(RoleEntity, { roleId: role.roleId }, next);
      emitRoleEvent(emit, roleUpdated(next), next);
      return next;
    });
    return { Role: roleBody(updated, 'get') };
  }
}
