import { roleArn } from '@opensts/sts-core/arn';
import type { RoleEntity } from './role.entity';

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** `Role` of CreateRole (no UpdateDate), GetRole/UpdateRole (full), ListRoles items (no trust policy). */
export function roleBody(r: RoleEntity, shape: 'create' | 'get' | 'list'): Record<string, unknown> {
  return defined({
    RoleId: r.roleId,
    RoleName: r.roleName,
    Arn: roleArn(r.accountId, r.roleName),
    Description: r.description,
    AssumeRolePolicyDocument: shape === 'list' ? undefined : r.assumeRolePolicyDocument,
    MaxSessionDuration: r.maxSessionDuration,
    CreateDate: r.createDate,
    UpdateDate: shape === 'create' ? undefined : r.updateDate,
  });
}
