import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, listBody, pageRequest, toPage } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { policyBody } from '../policy.mapper';
import { policySortKey, PolicyRepository } from '../policy.repository';
import { policyTypeParam } from '../policy.rules';

@Injectable()
export class ListPoliciesHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'ListPolicies';

  constructor(@Inject(PolicyRepository) private readonly policies: PolicyRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const type = policyTypeParam(p, false);
    const request = pageRequest(p);
    const page = toPage(await this.policies.page(accountId, type, request), request, policySortKey);
    const counts = await this.policies.attachmentCounts(accountId, page.items.map((i) => i.policyId));
    return listBody('Policies', 'Policy', page, (i) => policyBody(i, 'full', counts.get(i.policyId) ?? 0));
  }
}
