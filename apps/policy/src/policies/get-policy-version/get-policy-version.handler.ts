import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { versionBody } from '../policy.mapper';
import { PolicyRepository } from '../policy.repository';
import { checkVersionId, policyTypeParam } from '../policy.rules';

@Injectable()
export class GetPolicyVersionHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'GetPolicyVersion';

  constructor(@Inject(PolicyRepository) private readonly policies: PolicyRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const type = policyTypeParam(p, true)!;
    const versionId = checkVersionId(p.required('VersionId'));
    const policy = await this.policies.find(callerAccount(call), type, name);
    if (!policy) throw RamErrors.policyNotExist();
    const version = await this.policies.version(policy.policyId, versionId);
    if (!version) throw RamErrors.policyVersionNotExist();
    return { PolicyVersion: versionBody(version, policy.defaultVersionId) };
  }
}
