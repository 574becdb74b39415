import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { parseManagedPolicyDocument } from '@opensts/sts-core/policy';
import { v7 as uuidv7 } from 'uuid';
import { ApiActionHandler, callerAccount, nameKey } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { POLICY_LIMITS, PolicyLimits } from '../../policy.constants';
import { PolicyEntity, PolicyVersionEntity } from '../policy.entity';
import { emitPolicyEvent } from '../policy.events';
import { policyBody } from '../policy.mapper';
import { PolicyRepository } from '../policy.repository';
import { checkDescription, checkPolicyName } from '../policy.rules';

@Injectable()
export class CreatePolicyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'CreatePolicy';

  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(POLICY_LIMITS) private readonly limits: PolicyLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const policyName = checkPolicyName('PolicyName', p.required('PolicyName'));
    const document = p.required('PolicyDocument');
    parseManagedPolicyDocument(document);
    const now = ramDate();
    const policy: PolicyEntity = {
      policyId: uuidv7(),
      accountId,
      policyType: 'Custom',
      policyName,
      nameKey: nameKey(policyName),
      description: checkDescription('Description', p.optional('Description')) ?? null,
      defaultVersionId: 'v1',
      nextVersion: 2,
      createDate: now,
      updateDate: now,
      version: 1,
    };
    const v1: PolicyVersionEntity = { policyId: policy.policyId, versionId: 'v1', versionNumber: 1, policyDocument: document, createDate: now };
    await onDuplicate(
      () =>
        this.outbox.run(async (m, emit) => {
          if (await this.policies.find(accountId, 'Custom', policyName, m)) throw RamErrors.policyExists();
          if ((await this.policies.countCustom(m, accountId)) >= this.limits.customPoliciesPerAccount) throw RamErrors.policyLimit();
          await m.insert(PolicyEntity, policy);
          await m.insert(PolicyVersionEntity, v1);
          emitPolicyEvent(emit, { type: 'PolicyCreated', schemaVersion: 1, payload: { accountId, policyName, policyType: 'Custom', description: policy.description ?? undefined, defaultVersionId: 'v1', policyDocument: document, createDate: now } }, policy);
        }),
      RamErrors.policyExists,
    );
    return { Policy: policyBody(policy, 'create') };
  }
}
