import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'roles' })
export class RoleEntity {
  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 20 })
  roleId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'role_name', type: 'varchar', length: 64 })
  roleName!: string;

  @Column({ name: 'role_name_key', type: 'varchar', length: 64 })
  roleNameKey!: string;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description!: string | null;

  /** The trust policy exactly as the client sent it (validated at write). */
  @Column({ name: 'assume_role_policy_document', type: 'text' })
  assumeRolePolicyDocument!: string;

  @Column({ name: 'max_session_duration', type: 'integer' })
  maxSessionDuration!: number;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ name: 'update_date', type: 'varchar', length: 20 })
  updateDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}
