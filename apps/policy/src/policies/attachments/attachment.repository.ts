import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@opensts/platform';
import type { AttachmentPrincipalType, PolicyType } from '@opensts/sts-core/events';
import { EntityManager } from 'typeorm';
import { forUpdate } from '@opensts/platform';
import { AttachmentEntity } from './attachment.entity';

export const attachmentIdOf = (policyId: string, principalType: AttachmentPrincipalType, principalId: string): string => `${policyId}:${principalType}:${principalId}`;

@Injectable()
export class AttachmentRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  find(attachmentId: string, m: EntityManager = this.db.manager, lock = false): Promise<AttachmentEntity | null> {
    return m.findOne(AttachmentEntity, { where: { attachmentId }, ...(lock ? forUpdate(m) : {}) });
  }

  forPrincipal(accountId: string, principalId: string, m: EntityManager = this.db.manager): Promise<AttachmentEntity[]> {
    return m.find(AttachmentEntity, { where: { accountId, principalId, attached: true }, order: { attachDate: 'ASC', attachmentId: 'ASC' } });
  }

  countForPrincipal(accountId: string, principalId: string, policyType?: PolicyType, m: EntityManager = this.db.manager): Promise<number> {
    return m.count(AttachmentEntity, { where: { accountId, principalId, attached: true, ...(policyType ? { policyType } : {}) } });
  }

  /** Attachments of a policy within one account (built-in policies are attached in many). */
  forPolicy(accountId: string, policyId: string, m: EntityManager = this.db.manager): Promise<AttachmentEntity[]> {
    return m.find(AttachmentEntity, { where: { accountId, policyId, attached: true }, order: { attachDate: 'ASC', attachmentId: 'ASC' } });
  }
}
