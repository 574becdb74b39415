import type { UserEntity } from './user.entity';

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** `User` of CreateUser (no UpdateDate), GetUser (with LastLoginDate), ListUsers/UpdateUser items. */
export function userBody(u: UserEntity, shape: 'create' | 'get' | 'list'): Record<string, unknown> {
  return defined({
    UserId: u.userId,
    UserName: u.userName,
    DisplayName: u.displayName,
    MobilePhone: u.mobilePhone,
    Email: u.email,
    Comments: u.comments,
    CreateDate: u.createDate,
    UpdateDate: shape === 'create' ? undefined : u.updateDate,
    LastLoginDate: shape === 'get' ? u.lastLoginDate : undefined,
  });
}
