import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { CustomPolicyWriter } from '../custom-policy.writer';
import { emitPolicyEvent } from '../policy.events';
import { checkVersionId } from '../policy.rules';

/** The new default applies at once to every principal the policy is attached to (via the event). */
@Injectable()
export class SetDefaultPolicyVersionHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'SetDefaultPolicyVersion';

  constructor(@Inject(CustomPolicyWriter) private readonly writer: CustomPolicyWriter) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const versionId = checkVersionId(p.required('VersionId'));
    await this.writer.change(accountId, name, async ({ emit, policy, versions, bump }) => {
      const version = versions.find((v) => v.versionId === versionId);
      if (!version) throw RamErrors.policyVersionNotExist();
      if (policy.defaultVersionId === versionId) return;
      const next = await bump({ defaultVersionId: versionId, updateDate: ramDate() });
      emitPolicyEvent(emit, { type: 'PolicyDefaultVersionSet', schemaVersion: 1, payload: { accountId, policyName: policy.policyName, versionId, policyDocument: version.policyDocument } }, next);
    });
    return {};
  }
}
