import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { IdGenerator } from '@opensts/sts-core/ids';
import { parseTrustPolicyDocument } from '@opensts/sts-core/policy';
import { ApiActionHandler, callerAccount, nameKey } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { DIRECTORY_ID_GENERATOR, DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { checkMaxSessionDuration, checkName, checkText, MAX_SESSION_DURATION } from '../../shared/directory.rules';
import { RoleEntity } from '../role.entity';
import { emitRoleEvent, roleCreated } from '../role.events';
import { roleBody } from '../role.mapper';
import { RoleRepository } from '../role.repository';

@Injectable()
export class CreateRoleHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'CreateRole';

  constructor(
    @Inject(RoleRepository) private readonly roles: RoleRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
    @Inject(DIRECTORY_ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const roleName = checkName('RoleName', 'roleName', p.required('RoleName'));
    const document = p.required('AssumeRolePolicyDocument');
    parseTrustPolicyDocument(document);
    const now = ramDate();
    const role: RoleEntity = {
      roleId: this.ids.roleId(),
      accountId,
      roleName,
      roleNameKey: nameKey(roleName),
      description: checkText('Description', p.optional('Description'), 1024, { lines: true }) ?? null,
      assumeRolePolicyDocument: document,
      maxSessionDuration: checkMaxSessionDuration('MaxSessionDuration', p.optional('MaxSessionDuration')) ?? MAX_SESSION_DURATION.fallback,
      createDate: now,
      updateDate: now,
      version: 1,
    };
    await onDuplicate(
      () =>
        this.outbox.run(async (m, emit) => {
          if (await this.roles.findByName(accountId, roleName, m)) throw RamErrors.roleExists();
          if ((await this.roles.count(m, accountId)) >= this.limits.rolesPerAccount) throw RamErrors.roleLimit();
          await m.insert(RoleEntity, role);
          emitRoleEvent(emit, roleCreated(role), role);
        }),
      RamErrors.roleExists,
    );
    return { Role: roleBody(role, 'create') };
  }
}
