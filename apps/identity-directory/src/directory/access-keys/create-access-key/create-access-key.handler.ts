import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, TransactionalOutbox } from '@opensts/platform';
import { ApiActionHandler } from '@opensts/platform';
import { AccessKeyIssuer } from '../access-key.issuer';
import { AccessKeyOwnerResolver } from '../access-key-owner.resolver';

@Injectable()
export class CreateAccessKeyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'CreateAccessKey';

  constructor(
    @Inject(AccessKeyOwnerResolver) private readonly owners: AccessKeyOwnerResolver,
    @Inject(AccessKeyIssuer) private readonly issuer: AccessKeyIssuer,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const { key, secret } = await this.outbox.run(async (m, emit) => this.issuer.issue(m, emit, await this.owners.resolve(call, m, true)));
    return { AccessKey: { AccessKeyId: key.accessKeyId, AccessKeySecret: secret, Status: key.status, CreateDate: key.createDate } };
  }
}
