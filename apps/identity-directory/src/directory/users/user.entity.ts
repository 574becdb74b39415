import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 20 })
  userId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'user_name', type: 'varchar', length: 64 })
  userName!: string;

  /** Lower-cased name: the unique key (names are unique per account case-insensitively). */
  @Column({ name: 'user_name_key', type: 'varchar', length: 64 })
  userNameKey!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 128, nullable: true })
  displayName!: string | null;

  @Column({ name: 'mobile_phone', type: 'varchar', length: 32, nullable: true })
  mobilePhone!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  comments!: string | null;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ name: 'update_date', type: 'varchar', length: 20 })
  updateDate!: string;

  @Column({ name: 'last_login_date', type: 'varchar', length: 20, nullable: true })
  lastLoginDate!: string | null;

  /** Row version: 1 at creation, +1 per change; the aggregateVersion of the user's events. */
  @Column({ type: 'integer' })
  version!: number;
}
