import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { policyBody, versionBody } from '../policy.mapper';
import { PolicyRepository } from '../policy.repository';
import { policyTypeParam } from '../policy.rules';

@Injectable()
export class GetPolicyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'GetPolicy';

  constructor(@Inject(PolicyRepository) private readonly policies: PolicyRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const policy = await this.policies.find(accountId, policyTypeParam(p, true)!, name);
    if (!policy) throw RamErrors.policyNotExist();
    const [version, counts] = await Promise.all([this.policies.version(policy.policyId, policy.defaultVersionId), this.policies.attachmentCounts(accountId, [policy.policyId])]);
    if (!version) throw RamErrors.policyVersionNotExist();
    return {
      Policy: { ...policyBody(policy, 'full', counts.get(policy.policyId) ?? 0), PolicyDocument: version.policyDocument },
      DefaultPolicyVersion: versionBody(version, policy.defaultVersionId),
    };
  }
}
