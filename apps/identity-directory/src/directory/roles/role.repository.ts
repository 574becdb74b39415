import { Inject, Injectable } from '@nestjs/common';
import { Database, PageRequest } from '@opensts/platform';
import { EntityManager, MoreThan } from 'typeorm';
import { forUpdate, nameKey } from '@opensts/platform';
import { RoleEntity } from './role.entity';

@Injectable()
export class RoleRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  findByName(accountId: string, roleName: string, m: EntityManager = this.db.manager, lock = false): Promise<RoleEntity | null> {
    return m.findOne(RoleEntity, { where: { accountId, roleNameKey: nameKey(roleName) }, ...(lock ? forUpdate(m) : {}) });
  }

  findById(accountId: string, roleId: string, m: EntityManager = this.db.manager, lock = false): Promise<RoleEntity | null> {
    return m.findOne(RoleEntity, { where: { accountId, roleId }, ...(lock ? forUpdate(m) : {}) });
  }

  count(m: EntityManager, accountId: string): Promise<number> {
    return m.count(RoleEntity, { where: { accountId } });
  }

  page(accountId: string, request: PageRequest): Promise<RoleEntity[]> {
    return this.db.manager.find(RoleEntity, {
      where: request.after === undefined ? { accountId } : { accountId, roleNameKey: MoreThan(request.after) },
      order: { roleNameKey: 'ASC' },
      take: request.maxItems + 1,
    });
  }
}
