import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttachmentPrincipalType, PolicyType } from '@opensts/sts-core/events';

/**
 * A policy attached to a user or role. Detaching keeps the row (attached = false) so that the
 * version of its events keeps growing across attach/detach/attach and consumers can drop replays.
 */
@Entity({ name: 'policy_attachments' })
export class AttachmentEntity {
  /** `<policyId>:<principalType>:<principalId>`: the aggregate id of the attachment's events. */
  @PrimaryColumn({ name: 'attachment_id', type: 'varchar', length: 120 })
  attachmentId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'policy_id', type: 'varchar', length: 64 })
  policyId!: string;

  @Column({ name: 'policy_type', type: 'varchar', length: 10 })
  policyType!: PolicyType;

  @Column({ name: 'principal_type', type: 'varchar', length: 10 })
  principalType!: AttachmentPrincipalType;

  @Column({ name: 'principal_id', type: 'varchar', length: 20 })
  principalId!: string;

  @Column({ type: 'boolean' })
  attached!: boolean;

  @Column({ name: 'attach_date', type: 'varchar', length: 20 })
  attachDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}
