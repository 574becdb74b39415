import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionParams, CountPrincipalAttachmentsResult, InternalCall } from '@opensts/platform';
import { AttachmentRepository } from '../attachment.repository';

/** Internal action for identity-directory (ADR 0007): policies attached to a user/role now. */
@Injectable()
export class CountPrincipalAttachmentsHandler {
  readonly action = 'CountPrincipalAttachments';

  constructor(@Inject(AttachmentRepository) private readonly attachments: AttachmentRepository) {}

  async execute(call: InternalCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const result: CountPrincipalAttachmentsResult = { Count: await this.attachments.countForPrincipal(p.required('AccountId'), p.required('PrincipalId')) };
    return result as unknown as ActionBody;
  }
}
