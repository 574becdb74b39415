import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionParams, DirectoryPrincipalSnapshot, InternalCall, LookupPrincipalResult } from '@opensts/platform';
import { roleArn } from '@opensts/sts-core/arn';
import { RoleRepository } from '../roles/role.repository';
import { UserRepository } from '../users/user.repository';

/**
 * Internal action for the policy service (ADR 0007): does this user/role exist right now? Its
 * answer carries the row version so the caller can merge it with the events it has seen.
 */
@Injectable()
export class LookupPrincipalHandler {
  readonly action = 'LookupPrincipal';

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(RoleRepository) private readonly roles: RoleRepository,
  ) {}

  async execute(call: InternalCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const accountId = p.required('AccountId');
    const type = p.oneOf('PrincipalType', ['User', 'Role'] as const) ?? 'User';
    const name = p.required('PrincipalName');
    let principal: DirectoryPrincipalSnapshot | undefined;
    if (type === 'User') {
      const u = await this.users.findByName(accountId, name);
      if (u) principal = { accountId, principalType: 'User', principalId: u.userId, name: u.userName, displayName: u.displayName ?? undefined, version: u.version };
    } else {
      const r = await this.roles.findByName(accountId, name);
      if (r) principal = { accountId, principalType: 'Role', principalId: r.roleId, name: r.roleName, description: r.description ?? undefined, arn: roleArn(accountId, r.roleName), version: r.version };
    }
    const result: LookupPrincipalResult = principal ? { Found: true, Principal: principal } : { Found: false };
    return result as unknown as ActionBody;
  }
}
