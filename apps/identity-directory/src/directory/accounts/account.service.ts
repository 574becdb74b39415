import { Inject, Injectable } from '@nestjs/common';
import { envelopeFor, ramDate, TransactionalOutbox } from '@opensts/platform';
import { Errors } from '@opensts/sts-core/errors';
import { Topics } from '@opensts/sts-core/events';
import { IdGenerator } from '@opensts/sts-core/ids';
import { EntityManager } from 'typeorm';
import { forUpdate } from '@opensts/platform';
import { DIRECTORY_ID_GENERATOR } from '../../identity-directory.constants';
import { AccessKeyEntity } from '../access-keys/access-key.entity';
import { accessKeyDeleted, accessKeyStatusChanged, emitAccessKeyEvent } from '../access-keys/access-key.events';
import { AccessKeyIssuer } from '../access-keys/access-key.issuer';
import { AccessKeyRepository, KeyOwner } from '../access-keys/access-key.repository';
import { AccountEntity, BootstrapMarkerEntity } from './account.entity';

export interface RootCredentials {
  accountId: string;
  accessKeyId: string;
  /** Shown to the operator once; never stored in clear. */
  accessKeySecret: string;
}

/** Accounts and their root AccessKeys: used by the bootstrap and by the operator CLI. */
@Injectable()
export class AccountService {
  constructor(
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(AccessKeyIssuer) private readonly issuer: AccessKeyIssuer,
    @Inject(AccessKeyRepository) private readonly keys: AccessKeyRepository,
    @Inject(DIRECTORY_ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  count(): Promise<number> {
    return this.outbox.db.manager.count(AccountEntity);
  }

  list(): Promise<AccountEntity[]> {
    return this.outbox.db.manager.find(AccountEntity, { order: { createDate: 'ASC', accountId: 'ASC' } });
  }

  /** A new account with one root AccessKey, in one transaction. `bootstrap` also claims the one-time marker. */
  async create(options: { accountId?: string; rootKey?: { accessKeyId: string; secret: string }; bootstrap?: boolean } = {}): Promise<RootCredentials> {
    const accountId = options.accountId ?? this.ids.accountId();
    return this.outbox.run(async (m, emit) => {
      const createDate = ramDate();
      if (options.bootstrap) await m.insert(BootstrapMarkerEntity, { marker: 'bootstrap', accountId, createdAt: createDate });
      await m.insert(AccountEntity, { accountId, createDate, version: 1 });
      emit(Topics.identity, envelopeFor({ type: 'AccountCreated', schemaVersion: 1, payload: { accountId, createDate } }, { aggregateType: 'Account', aggregateId: accountId, aggregateVersion: 1, accountId }));
      const { key, secret } = await this.issuer.issue(m, emit, { type: 'Account', accountId }, options.rootKey);
      return { accountId, accessKeyId: key.accessKeyId, accessKeySecret: secret };
    });
  }

  rootKeys(accountId: string): Promise<AccessKeyEntity[]> {
    return this.keys.listFor({ type: 'Account', accountId });
  }

  /**
   * Replaces a root key atomically: the old one (given, or the only one) is deactivated or deleted
   * and a new one issued in the same transaction, so a failure leaves the old key working.
   */
  async rotateRootKey(accountId: string, options: { oldAccessKeyId?: string; deleteOld: boolean }): Promise<RootCredentials & { oldAccessKeyId?: string }> {
    const owner: KeyOwner = { type: 'Account', accountId };
    return this.outbox.run(async (m, emit) => {
      await this.lockAccount(m, accountId);
      const current = await this.keys.listFor(owner, m);
      const old = options.oldAccessKeyId ? current.find((k) => k.accessKeyId === options.oldAccessKeyId) : current.length === 1 ? current[0] : undefined;
      if (options.oldAccessKeyId && !old) throw Errors.entityNotExist('User.AccessKey', 'The user access key does not exist.');
      if (old && options.deleteOld) {
        await m.delete(AccessKeyEntity, { accessKeyId: old.accessKeyId });
        emitAccessKeyEvent(emit, accessKeyDeleted(old, owner), old, old.version + 1);
      } else if (old && old.status === 'Active') {
        const next: AccessKeyEntity = { ...old, status: 'Inactive', version: old.version + 1 };
        await m.update(AccessKeyEntity, { accessKeyId: old.accessKeyId }, { status: next.status, version: next.version });
        emitAccessKeyEvent(emit, accessKeyStatusChanged(next, owner), next);
      }
      const { key, secret } = await this.issuer.issue(m, emit, owner);
      return { accountId, accessKeyId: key.accessKeyId, accessKeySecret: secret, oldAccessKeyId: old?.accessKeyId };
    });
  }

  private async lockAccount(m: EntityManager, accountId: string): Promise<AccountEntity> {
    const account = await m.findOne(AccountEntity, { where: { accountId }, ...forUpdate(m) });
    if (!account) throw new Error(`account ${accountId} does not exist`);
    return account;
  }
}
