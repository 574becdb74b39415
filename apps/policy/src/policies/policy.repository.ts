import { Inject, Injectable } from '@nestjs/common';
import { Database, PageRequest } from '@opensts/platform';
import type { PolicyType } from '@opensts/sts-core/events';
import { EntityManager } from 'typeorm';
import { forUpdate, nameKey } from '@opensts/platform';
import { SYSTEM_ACCOUNT } from '../policy.constants';
import { AttachmentEntity } from './attachments/attachment.entity';
import { PolicyEntity, PolicyVersionEntity } from './policy.entity';

/** Sort key of ListPolicies and its Marker: type, then case-insensitive name. */
export const policySortKey = (p: PolicyEntity): string => `${p.policyType}:${p.nameKey}`;

@Injectable()
export class PolicyRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** A custom policy of the account, or a built-in one: never another account's. */
  find(accountId: string, type: PolicyType, name: string, m: EntityManager = this.db.manager, lock = false): Promise<PolicyEntity | null> {
    const owner = type === 'System' ? SYSTEM_ACCOUNT : accountId;
    return m.findOne(PolicyEntity, { where: { accountId: owner, policyType: type, nameKey: nameKey(name) }, ...(lock ? forUpdate(m) : {}) });
  }

  countCustom(m: EntityManager, accountId: string): Promise<number> {
    return m.count(PolicyEntity, { where: { accountId, policyType: 'Custom' } });
  }

  versions(policyId: string, m: EntityManager = this.db.manager): Promise<PolicyVersionEntity[]> {
    return m.find(PolicyVersionEntity, { where: { policyId }, order: { versionNumber: 'ASC' } });
  }

  version(policyId: string, versionId: string, m: EntityManager = this.db.manager): Promise<PolicyVersionEntity | null> {
    return m.findOne(PolicyVersionEntity, { where: { policyId, versionId } });
  }

  /** The account's custom policies and the built-in ones, in sort-key order, one extra row. */
  page(accountId: string, type: PolicyType | undefined, request: PageRequest): Promise<PolicyEntity[]> {
    const qb = this.db.manager.createQueryBuilder(PolicyEntity, 'p').where('p.accountId IN (:...owners)', { owners: [accountId, SYSTEM_ACCOUNT] });
    if (type) qb.andWhere('p.policyType = :type', { type });
    if (request.after !== undefined) {
      const at = request.after.indexOf(':');
      qb.andWhere('(p.policyType > :afterType OR (p.policyType = :afterType AND p.nameKey > :afterName))', { afterType: request.after.slice(0, at), afterName: request.after.slice(at + 1) });
    }
    return qb.orderBy('p.policyType', 'ASC').addOrderBy('p.nameKey', 'ASC').limit(request.maxItems + 1).getMany();
  }

  /** AttachmentCount per policy within the caller's account (built-in policies are shared rows). */
  async attachmentCounts(accountId: string, policyIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, number>> {
    if (policyIds.length === 0) return new Map();
    const rows: { policyId: string; n: string | number }[] = await m
      .createQueryBuilder(AttachmentEntity, 'a')
      .select('a.policyId', 'policyId')
      .addSelect('COUNT(*)', 'n')
      .where('a.accountId = :accountId AND a.attached = :attached AND a.policyId IN (:...policyIds)', { accountId, attached: true, policyIds })
      .groupBy('a.policyId')
      .getRawMany();
    return new Map(rows.map((r) => [r.policyId, Number(r.n)]));
  }
}
