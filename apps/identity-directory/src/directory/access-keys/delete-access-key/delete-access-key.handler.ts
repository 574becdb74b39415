import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler } from '@opensts/platform';
import { AccessKeyEntity } from '../access-key.entity';
import { accessKeyDeleted, emitAccessKeyEvent } from '../access-key.events';
import { AccessKeyOwnerResolver } from '../access-key-owner.resolver';
import { AccessKeyRepository } from '../access-key.repository';

@Injectable()
export class DeleteAccessKeyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'DeleteAccessKey';

  constructor(
    @Inject(AccessKeyOwnerResolver) private readonly owners: AccessKeyOwnerResolver,
    @Inject(AccessKeyRepository) private readonly keys: AccessKeyRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accessKeyId = new ActionParams(call.params).required('UserAccessKeyId');
    await this.outbox.run(async (m, emit) => {
      const owner = await this.owners.resolve(call, m, true);
      const key = await this.keys.findOwned(owner, accessKeyId, m);
      if (!key) throw RamErrors.accessKeyNotExist();
      await m.delete(AccessKeyEntity, { accessKeyId });
      emitAccessKeyEvent(emit, accessKeyDeleted(key, owner), key, key.version + 1);
    });
    return {};
  }
}
