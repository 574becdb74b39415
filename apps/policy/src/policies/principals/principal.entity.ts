import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttachmentPrincipalType } from '@opensts/sts-core/events';

/**
 * The users and roles of the directory as this service knows them: built from identity events,
 * filled on a miss by a synchronous lookup (ADR 0007). Deleted principals stay as tombstones so a
 * late, older event cannot bring them back.
 */
@Entity({ name: 'policy_principals' })
export class PrincipalEntity {
  @PrimaryColumn({ name: 'principal_id', type: 'varchar', length: 20 })
  principalId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'principal_type', type: 'varchar', length: 10 })
  principalType!: AttachmentPrincipalType;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 64 })
  nameKey!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 128, nullable: true })
  displayName!: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  arn!: string | null;

  /** The directory's row version (aggregateVersion of its events). */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean' })
  deleted!: boolean;
}
