import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PolicyType } from '@opensts/sts-core/events';

/** A custom policy of an account, or a built-in one (account `system`, seeded at start-up). */
@Entity({ name: 'policies' })
export class PolicyEntity {
  /** UUIDv7 for custom policies, `system:<name>` for built-in ones; the aggregate id of policy events. */
  @PrimaryColumn({ name: 'policy_id', type: 'varchar', length: 64 })
  policyId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'policy_type', type: 'varchar', length: 10 })
  policyType!: PolicyType;

  @Column({ name: 'policy_name', type: 'varchar', length: 128 })
  policyName!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 128 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description!: string | null;

  @Column({ name: 'default_version_id', type: 'varchar', length: 12 })
  defaultVersionId!: string;

  /** Number of the next version id: deleted numbers are never reused. */
  @Column({ name: 'next_version', type: 'integer' })
  nextVersion!: number;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ name: 'update_date', type: 'varchar', length: 20 })
  updateDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}

@Entity({ name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryColumn({ name: 'policy_id', type: 'varchar', length: 64 })
  policyId!: string;

  @PrimaryColumn({ name: 'version_id', type: 'varchar', length: 12 })
  versionId!: string;

  @Column({ name: 'version_number', type: 'integer' })
  versionNumber!: number;

  @Column({ name: 'policy_document', type: 'text' })
  policyDocument!: string;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;
}
