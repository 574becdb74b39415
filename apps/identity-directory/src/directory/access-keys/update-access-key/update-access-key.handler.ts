import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler } from '@opensts/platform';
import { AccessKeyEntity } from '../access-key.entity';
import { accessKeyStatusChanged, emitAccessKeyEvent } from '../access-key.events';
import { AccessKeyOwnerResolver } from '../access-key-owner.resolver';
import { AccessKeyRepository } from '../access-key.repository';

@Injectable()
export class UpdateAccessKeyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'UpdateAccessKey';

  constructor(
    @Inject(AccessKeyOwnerResolver) private readonly owners: AccessKeyOwnerResolver,
    @Inject(AccessKeyRepository) private readonly keys: AccessKeyRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const accessKeyId = p.required('UserAccessKeyId');
    p.required('Status');
    const status = p.oneOf('Status', ['Active', 'Inactive'] as const)!;
    await this.outbox.run(async (m, emit) => {
      const owner = await this.owners.resolve(call, m, true);
      const key = await this.keys.findOwned(owner, accessKeyId, m);
      if (!key) throw RamErrors.accessKeyNotExist();
      if (key.status === status) return;
      const next: AccessKeyEntity = { ...key, status, version: key.version + 1 };
      await m.update(AccessKeyEntity, { accessKeyId }, { status, version: next.version });
      emitAccessKeyEvent(emit, accessKeyStatusChanged(next, owner), next);
    });
    return {};
  }
}
