import { Inject, Injectable } from '@nestjs/common';
import { ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { callerAccount } from '@opensts/platform';
import { PolicyEntity } from '../policy.entity';
import { PolicyRepository } from '../policy.repository';
import { policyTypeParam } from '../policy.rules';
import { PrincipalEntity } from '../principals/principal.entity';
import { PrincipalDirectory } from '../principals/principal.directory';
import { AttachmentTarget } from './attachment.target';

export interface AttachmentSubject {
  accountId: string;
  policy: PolicyEntity;
  principal: PrincipalEntity;
}

/** The policy (of the caller's account, or built-in) and the principal an attach/detach is about. */
@Injectable()
export class AttachmentResolver {
  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(PrincipalDirectory) private readonly principals: PrincipalDirectory,
  ) {}

  async resolve(call: ActionCall, target: AttachmentTarget): Promise<AttachmentSubject> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const type = policyTypeParam(p, true)!;
    const policyName = p.required('PolicyName');
    const principalName = p.required(target.param);
    const policy = await this.policies.find(accountId, type, policyName);
    if (!policy) throw RamErrors.policyNotExist();
    const principal = await this.principals.find(accountId, target.type, principalName);
    if (!principal) throw target.notExist();
    return { accountId, policy, principal };
  }
}
