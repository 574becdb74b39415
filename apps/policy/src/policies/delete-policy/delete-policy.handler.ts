import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { AttachmentEntity } from '../attachments/attachment.entity';
import { emitAttachmentEvent } from '../attachments/attachment.events';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { CustomPolicyWriter } from '../custom-policy.writer';
import { PolicyEntity, PolicyVersionEntity } from '../policy.entity';
import { emitPolicyEvent } from '../policy.events';
import { policyDeleteRefusal } from '../policy.rules';
import { PrincipalRepository } from '../principals/principal.repository';

/** With CascadingDelete the policy's other versions and its attachments go with it (each detach announced). */
@Injectable()
export class DeletePolicyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'DeletePolicy';

  constructor(
    @Inject(CustomPolicyWriter) private readonly writer: CustomPolicyWriter,
    @Inject(AttachmentRepository) private readonly attachments: AttachmentRepository,
    @Inject(PrincipalRepository) private readonly principals: PrincipalRepository,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const cascading = p.bool('CascadingDelete', false);
    await this.writer.change(accountId, name, async ({ m, emit, policy, versions }) => {
      const attached = await this.attachments.forPolicy(accountId, policy.policyId, m);
      const refusal = policyDeleteRefusal({
        userAttachments: attached.filter((a) => a.principalType === 'User').length,
        roleAttachments: attached.filter((a) => a.principalType === 'Role').length,
        extraVersions: versions.filter((v) => v.versionId !== policy.defaultVersionId).length,
        cascading,
      });
      if (refusal) throw refusal;
      const names = new Map((await this.principals.findMany(accountId, attached.map((a) => a.principalId), m)).map((x) => [x.principalId, x.name]));
      for (const a of attached) emitAttachmentEvent(emit, 'PolicyDetached', { ...a, attached: false, version: a.version + 1 }, { policyName: policy.policyName, principalName: names.get(a.principalId) ?? a.principalId });
      await m.delete(AttachmentEntity, { policyId: policy.policyId });
      await m.delete(PolicyVersionEntity, { policyId: policy.policyId });
      await m.delete(PolicyEntity, { policyId: policy.policyId });
      emitPolicyEvent(emit, { type: 'PolicyDeleted', schemaVersion: 1, payload: { accountId, policyName: policy.policyName } }, policy, policy.version + 1);
    });
    return {};
  }
}
