import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { CustomPolicyWriter } from '../custom-policy.writer';
import { PolicyVersionEntity } from '../policy.entity';
import { emitPolicyEvent } from '../policy.events';
import { checkVersionDeletable, checkVersionId } from '../policy.rules';

@Injectable()
export class DeletePolicyVersionHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'DeletePolicyVersion';

  constructor(@Inject(CustomPolicyWriter) private readonly writer: CustomPolicyWriter) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const versionId = checkVersionId(p.required('VersionId'));
    await this.writer.change(accountId, name, async ({ m, emit, policy, versions, bump }) => {
      checkVersionDeletable({ defaultVersionId: policy.defaultVersionId, versionIds: versions.map((v) => v.versionId), nextVersion: policy.nextVersion }, versionId);
      await m.delete(PolicyVersionEntity, { policyId: policy.policyId, versionId });
      const next = await bump({ updateDate: ramDate() });
      emitPolicyEvent(emit, { type: 'PolicyVersionDeleted', schemaVersion: 1, payload: { accountId, policyName: policy.policyName, versionId } }, next);
    });
    return {};
  }
}
