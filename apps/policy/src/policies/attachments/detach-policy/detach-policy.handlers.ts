import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, TransactionalOutbox } from '@opensts/platform';
import { ApiActionHandler } from '@opensts/platform';
import { AttachmentEntity } from '../attachment.entity';
import { emitAttachmentEvent } from '../attachment.events';
import { attachmentIdOf, AttachmentRepository } from '../attachment.repository';
import { AttachmentResolver } from '../attachment.resolver';
import { AttachmentTarget, ROLE_TARGET, USER_TARGET } from '../attachment.target';

abstract class DetachPolicyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  abstract readonly action: string;
  protected abstract readonly target: AttachmentTarget;

  constructor(
    @Inject(AttachmentResolver) private readonly resolver: AttachmentResolver,
    @Inject(AttachmentRepository) private readonly attachments: AttachmentRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const { policy, principal } = await this.resolver.resolve(call, this.target);
    await this.outbox.run(async (m, emit) => {
      const attachmentId = attachmentIdOf(policy.policyId, this.target.type, principal.principalId);
      const existing = await this.attachments.find(attachmentId, m, true);
      if (!existing?.attached) throw this.target.notAttached();
      const row: AttachmentEntity = { ...existing, attached: false, version: existing.version + 1 };
      await m.update(AttachmentEntity, { attachmentId }, { attached: false, version: row.version });
      emitAttachmentEvent(emit, 'PolicyDetached', row, { policyName: policy.policyName, principalName: principal.name });
    });
    return {};
  }
}

@Injectable()
export class DetachPolicyFromUserHandler extends DetachPolicyHandler {
  readonly action = 'DetachPolicyFromUser';
  protected readonly target = USER_TARGET;
}

@Injectable()
export class DetachPolicyFromRoleHandler extends DetachPolicyHandler {
  readonly action = 'DetachPolicyFromRole';
  protected readonly target = ROLE_TARGET;
}
