import { Inject, Injectable } from '@nestjs/common';
import { Database, DirectoryPrincipalSnapshot } from '@opensts/platform';
import type { AttachmentPrincipalType } from '@opensts/sts-core/events';
import { EntityManager, In } from 'typeorm';
import { forUpdate, nameKey } from '@opensts/platform';
import { PrincipalEntity } from './principal.entity';

@Injectable()
export class PrincipalRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  findLiveByName(accountId: string, type: AttachmentPrincipalType, name: string, m: EntityManager = this.db.manager): Promise<PrincipalEntity | null> {
    return m.findOne(PrincipalEntity, { where: { accountId, principalType: type, nameKey: nameKey(name), deleted: false } });
  }

  findById(principalId: string, m: EntityManager = this.db.manager, lock = false): Promise<PrincipalEntity | null> {
    return m.findOne(PrincipalEntity, { where: { principalId }, ...(lock ? forUpdate(m) : {}) });
  }

  findMany(accountId: string, ids: string[], m: EntityManager = this.db.manager): Promise<PrincipalEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : m.find(PrincipalEntity, { where: { accountId, principalId: In(ids) } });
  }

  /**
   * Applies what the directory says about a principal at `version` (an event or a lookup); older
   * news than what is stored is ignored. Returns false when it was stale.
   */
  async merge(m: EntityManager, s: DirectoryPrincipalSnapshot, deleted = false): Promise<boolean> {
    const row: PrincipalEntity = {
      principalId: s.principalId,
      accountId: s.accountId,
      principalType: s.principalType,
      name: s.name,
      nameKey: nameKey(s.name),
      displayName: s.displayName ?? null,
      description: s.description ?? null,
      arn: s.arn ?? null,
      version: s.version,
      deleted,
    };
    let current = await this.findById(s.principalId, m, true);
    if (!current) {
      // a lookup and the event may insert the same principal at once: the loser waits, then compares versions
      await m.createQueryBuilder().insert().into(PrincipalEntity).values(row).orIgnore().execute();
      current = await this.findById(s.principalId, m, true);
      if (!current || current.version === s.version) return true;
    }
    if (current.version >= s.version) return false;
    await m.update(PrincipalEntity, { principalId: s.principalId }, row);
    return true;
  }
}
