import { Inject, Injectable } from '@nestjs/common';
import { Database, PageRequest } from '@opensts/platform';
import { EntityManager, MoreThan } from 'typeorm';
import { forUpdate, nameKey } from '@opensts/platform';
import { UserEntity } from './user.entity';

/** RAM users, always looked up within one account. */
@Injectable()
export class UserRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  findByName(accountId: string, userName: string, m: EntityManager = this.db.manager, lock = false): Promise<UserEntity | null> {
    return m.findOne(UserEntity, { where: { accountId, userNameKey: nameKey(userName) }, ...(lock ? forUpdate(m) : {}) });
  }

  findById(accountId: string, userId: string, m: EntityManager = this.db.manager, lock = false): Promise<UserEntity | null> {
    return m.findOne(UserEntity, { where: { accountId, userId }, ...(lock ? forUpdate(m) : {}) });
  }

  count(m: EntityManager, accountId: string): Promise<number> {
    return m.count(UserEntity, { where: { accountId } });
  }

  /** One page in name order; fetches one extra row to tell whether the list is truncated. */
  page(accountId: string, request: PageRequest): Promise<UserEntity[]> {
    return this.db.manager.find(UserEntity, {
      where: request.after === undefined ? { accountId } : { accountId, userNameKey: MoreThan(request.after) },
      order: { userNameKey: 'ASC' },
      take: request.maxItems + 1,
    });
  }
}
