import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, Database } from '@opensts/platform';
import { ApiActionHandler } from '@opensts/platform';
import { AccessKeyOwnerResolver } from '../access-key-owner.resolver';
import { AccessKeyRepository } from '../access-key.repository';

@Injectable()
export class ListAccessKeysHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'ListAccessKeys';

  constructor(
    @Inject(AccessKeyOwnerResolver) private readonly owners: AccessKeyOwnerResolver,
    @Inject(AccessKeyRepository) private readonly keys: AccessKeyRepository,
    @Inject(Database) private readonly db: Database,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const keys = await this.keys.listFor(await this.owners.resolve(call, this.db.manager));
    return { AccessKeys: { AccessKey: keys.map((k) => ({ AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })) } };
  }
}
