import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccessKeyStatus } from '@opensts/sts-core/events';

/** A long-term AccessKey of a RAM user (`owner_type` User) or of the account root (Account). */
@Entity({ name: 'access_keys' })
export class AccessKeyEntity {
  @PrimaryColumn({ name: 'access_key_id', type: 'varchar', length: 64 })
  accessKeyId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'owner_type', type: 'varchar', length: 10 })
  ownerType!: 'Account' | 'User';

  @Column({ name: 'user_id', type: 'varchar', length: 20, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: AccessKeyStatus;

  /** JSON of the SecretBox output, bound to the AccessKeyId; the clear secret is never stored. */
  @Column({ name: 'sealed_secret', type: 'text' })
  sealedSecret!: string;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}
