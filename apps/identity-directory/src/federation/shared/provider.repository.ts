import { Database, PageRequest } from '@opensts/platform';
import { EntityManager, EntityTarget, MoreThan, ObjectLiteral } from 'typeorm';
import { forUpdate, nameKey } from '@opensts/platform';

interface ProviderRow extends ObjectLiteral {
  accountId: string;
  nameKey: string;
}

/** Identity-provider records (SAML or OIDC), looked up by name within one account. */
export abstract class ProviderRepository<T extends ProviderRow> {
  protected constructor(protected readonly db: Database, private readonly entity: EntityTarget<T>) {}

  findByName(accountId: string, name: string, m: EntityManager = this.db.manager, lock = false): Promise<T | null> {
    return m.findOne(this.entity, { where: { accountId, nameKey: nameKey(name) } as never, ...(lock ? forUpdate(m) : {}) });
  }

  count(m: EntityManager, accountId: string): Promise<number> {
    return m.count(this.entity, { where: { accountId } as never });
  }

  page(accountId: string, request: PageRequest): Promise<T[]> {
    return this.db.manager.find(this.entity, {
      where: (request.after === undefined ? { accountId } : { accountId, nameKey: MoreThan(request.after) }) as never,
      order: { nameKey: 'ASC' } as never,
      take: request.maxItems + 1,
    });
  }
}

/** IMS provider lists page 1..100 items (ram-api.md §1). */
export const PROVIDER_PAGE_LIMITS = { max: 100, fallback: 100 } as const;
