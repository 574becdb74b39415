import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { versionBody } from '../policy.mapper';
import { PolicyRepository } from '../policy.repository';
import { policyTypeParam } from '../policy.rules';

@Injectable()
export class ListPolicyVersionsHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'ListPolicyVersions';

  constructor(@Inject(PolicyRepository) private readonly policies: PolicyRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const policy = await this.policies.find(callerAccount(call), policyTypeParam(p, true)!, name);
    if (!policy) throw RamErrors.policyNotExist();
    const versions = await this.policies.versions(policy.policyId);
    return { PolicyVersions: { PolicyVersion: versions.map((v) => versionBody(v, policy.defaultVersionId)) } };
  }
}
