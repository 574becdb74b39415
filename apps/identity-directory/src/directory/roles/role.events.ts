import { Emit, envelopeFor } from '@opensts/platform';
import { IdentityEvent, RoleStateV1, Topics } from '@opensts/sts-core/events';
import { roleArn } from '@opensts/sts-core/arn';
import type { RoleEntity } from './role.entity';

const state = (r: RoleEntity): RoleStateV1 => ({
  accountId: r.accountId,
  roleId: r.roleId,
  roleName: r.roleName,
  arn: roleArn(r.accountId, r.roleName),
  description: r.description ?? undefined,
  assumeRolePolicyDocument: r.assumeRolePolicyDocument,
  maxSessionDuration: r.maxSessionDuration,
  createDate: r.createDate,
  updateDate: r.updateDate,
});

export const roleCreated = (r: RoleEntity): IdentityEvent => ({ type: 'RoleCreated', schemaVersion: 1, payload: state(r) });
export const roleUpdated = (r: RoleEntity): IdentityEvent => ({ type: 'RoleUpdated', schemaVersion: 1, payload: state(r) });
export const roleDeleted = (r: RoleEntity): IdentityEvent => ({ type: 'RoleDeleted', schemaVersion: 1, payload: { accountId: r.accountId, roleId: r.roleId, roleName: r.roleName } });

export function emitRoleEvent(emit: Emit, event: IdentityEvent, r: RoleEntity, version = r.version): void {
  emit(Topics.identity, envelopeFor(event, { aggregateType: 'Role', aggregateId: r.roleId, aggregateVersion: version, accountId: r.accountId }));
}
