import { Inject, Injectable } from '@nestjs/common';
import { Emit, ramDate } from '@opensts/platform';
import { SecretBox } from '@opensts/sts-core/crypto';
import { RamErrors } from '@opensts/sts-core/errors';
import { IdGenerator } from '@opensts/sts-core/ids';
import { EntityManager } from 'typeorm';
import { DIRECTORY_ID_GENERATOR, DIRECTORY_LIMITS, DIRECTORY_SECRET_BOX, DirectoryLimits } from '../../identity-directory.constants';
import { AccessKeyEntity } from './access-key.entity';
import { accessKeyCreated, emitAccessKeyEvent } from './access-key.events';
import { AccessKeyRepository, KeyOwner } from './access-key.repository';

export interface IssuedAccessKey {
  key: AccessKeyEntity;
  /** The clear secret: returned to the caller once, never stored, logged or published. */
  secret: string;
}

/**
 * Mints an AccessKey inside the caller's transaction (whose owner row is already locked, so the
 * count below cannot race): id and secret generated unless given (bootstrap), the secret sealed
 * with the master key ring and bound to the AccessKeyId.
 */
@Injectable()
export class AccessKeyIssuer {
  constructor(
    @Inject(DIRECTORY_SECRET_BOX) private readonly box: SecretBox,
    @Inject(DIRECTORY_ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
    @Inject(AccessKeyRepository) private readonly keys: AccessKeyRepository,
  ) {}

  async issue(m: EntityManager, emit: Emit, owner: KeyOwner, given?: { accessKeyId: string; secret: string }): Promise<IssuedAccessKey> {
    const limit = owner.type === 'User' ? this.limits.accessKeysPerUser : this.limits.accessKeysPerAccount;
    if ((await this.keys.countFor(owner, m)) >= limit) throw RamErrors.accessKeyLimit();
    const accessKeyId = given?.accessKeyId ?? this.ids.longTermAccessKeyId();
    const secret = given?.secret ?? this.ids.accessKeySecret();
    const key: AccessKeyEntity = {
      accessKeyId,
      accountId: owner.accountId,
      ownerType: owner.type,
      userId: owner.type === 'User' ? owner.userId : null,
      status: 'Active',
      sealedSecret: JSON.stringify(this.box.seal(secret, accessKeyId)),
      createDate: ramDate(),
      version: 1,
    };
    await m.insert(AccessKeyEntity, key);
    emitAccessKeyEvent(emit, accessKeyCreated(key, owner), key);
    return { key, secret };
  }
}
