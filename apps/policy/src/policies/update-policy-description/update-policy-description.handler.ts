import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { CustomPolicyWriter } from '../custom-policy.writer';
import { PolicyEntity } from '../policy.entity';
import { emitPolicyEvent } from '../policy.events';
import { policyBody } from '../policy.mapper';
import { checkDescription } from '../policy.rules';

@Injectable()
export class UpdatePolicyDescriptionHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'UpdatePolicyDescription';

  constructor(@Inject(CustomPolicyWriter) private readonly writer: CustomPolicyWriter) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const description = checkDescription('NewDescription', p.optional('NewDescription')) ?? null;
    const policy = await this.writer.change<PolicyEntity>(accountId, name, async ({ policy, emit, bump }) => {
      if (policy.description === description) return policy;
      const next = await bump({ description, updateDate: ramDate() });
      emitPolicyEvent(emit, { type: 'PolicyDescriptionUpdated', schemaVersion: 1, payload: { accountId, policyName: next.policyName, description: description ?? undefined, updateDate: next.updateDate } }, next);
      return next;
    });
    return { Policy: policyBody(policy, 'update') };
  }
}
