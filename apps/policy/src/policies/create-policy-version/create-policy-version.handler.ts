import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate } from '@opensts/platform';
import type { PolicyEvent } from '@opensts/sts-core/events';
import { parseManagedPolicyDocument } from '@opensts/sts-core/policy';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { POLICY_LIMITS, PolicyLimits } from '../../policy.constants';
import { CustomPolicyWriter } from '../custom-policy.writer';
import { PolicyVersionEntity } from '../policy.entity';
import { emitPolicyEvent } from '../policy.events';
import { versionBody } from '../policy.mapper';
import { planNewVersion, ROTATE_STRATEGIES } from '../policy.rules';

@Injectable()
export class CreatePolicyVersionHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'CreatePolicyVersion';

  constructor(
    @Inject(CustomPolicyWriter) private readonly writer: CustomPolicyWriter,
    @Inject(POLICY_LIMITS) private readonly limits: PolicyLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const document = p.required('PolicyDocument');
    parseManagedPolicyDocument(document);
    const setAsDefault = p.bool('SetAsDefault', false);
    const rotate = p.oneOf('RotateStrategy', ROTATE_STRATEGIES, 'None')!;
    const created = await this.writer.change(accountId, name, async ({ m, emit, policy, versions, bump }) => {
      const plan = planNewVersion({ defaultVersionId: policy.defaultVersionId, versionIds: versions.map((v) => v.versionId), nextVersion: policy.nextVersion }, { setAsDefault, rotate }, this.limits.versionsPerPolicy);
      const now = ramDate();
      const version: PolicyVersionEntity = { policyId: policy.policyId, versionId: plan.versionId, versionNumber: policy.nextVersion, policyDocument: document, createDate: now };
      const events: PolicyEvent[] = [
        ...(plan.evict ? [{ type: 'PolicyVersionDeleted' as const, schemaVersion: 1, payload: { accountId, policyName: policy.policyName, versionId: plan.evict } }] : []),
        { type: 'PolicyVersionCreated', schemaVersion: 1, payload: { accountId, policyName: policy.policyName, versionId: plan.versionId, policyDocument: document, isDefaultVersion: plan.isDefault, createDate: now } },
        ...(plan.isDefault ? [{ type: 'PolicyDefaultVersionSet' as const, schemaVersion: 1, payload: { accountId, policyName: policy.policyName, versionId: plan.versionId, policyDocument: document } }] : []),
      ];
      const next = await bump({ nextVersion: policy.nextVersion + 1, updateDate: now, ...(plan.isDefault ? { defaultVersionId: plan.versionId } : {}) }, events.length);
      if (plan.evict) await m.delete(PolicyVersionEntity, { policyId: policy.policyId, versionId: plan.evict });
      await m.insert(PolicyVersionEntity, version);
      events.forEach((event, i) => emitPolicyEvent(emit, event, next, policy.version + i + 1));
      return versionBody(version, next.defaultVersionId);
    });
    return { PolicyVersion: created };
  }
}
