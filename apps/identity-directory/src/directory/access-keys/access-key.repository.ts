import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@opensts/platform';
import { EntityManager, IsNull } from 'typeorm';
import { AccessKeyEntity } from './access-key.entity';

/** Who an AccessKey belongs to: a RAM user of the account or the account root. */
export type KeyOwner = { type: 'Account'; accountId: string } | { type: 'User'; accountId: string; userId: string; userName: string };

const ownerWhere = (o: KeyOwner) => ({ accountId: o.accountId, ownerType: o.type, userId: o.type === 'User' ? o.userId : IsNull() });

@Injectable()
export class AccessKeyRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  listFor(owner: KeyOwner, m: EntityManager = this.db.manager): Promise<AccessKeyEntity[]> {
    return m.find(AccessKeyEntity, { where: ownerWhere(owner), order: { createDate: 'ASC', accessKeyId: 'ASC' } });
  }

  countFor(owner: KeyOwner, m: EntityManager = this.db.manager): Promise<number> {
    return m.count(AccessKeyEntity, { where: ownerWhere(owner) });
  }

  countForUser(accountId: string, userId: string, m: EntityManager = this.db.manager): Promise<number> {
    return m.count(AccessKeyEntity, { where: { accountId, userId } });
  }

  /** The key only if it belongs to `owner`: another owner's key is as good as absent. */
  findOwned(owner: KeyOwner, accessKeyId: string, m: EntityManager = this.db.manager): Promise<AccessKeyEntity | null> {
    return m.findOne(AccessKeyEntity, { where: { ...ownerWhere(owner), accessKeyId } });
  }
}
