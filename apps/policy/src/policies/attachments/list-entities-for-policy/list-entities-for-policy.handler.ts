import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { PolicyRepository } from '../../policy.repository';
import { policyTypeParam } from '../../policy.rules';
import { PrincipalRepository } from '../../principals/principal.repository';
import { AttachmentRepository } from '../attachment.repository';

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** Users and roles of the caller's account the policy is attached to (groups: none in this clone). */
@Injectable()
export class ListEntitiesForPolicyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  readonly action = 'ListEntitiesForPolicy';

  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(AttachmentRepository) private readonly attachments: AttachmentRepository,
    @Inject(PrincipalRepository) private readonly principals: PrincipalRepository,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('PolicyName');
    const policy = await this.policies.find(accountId, policyTypeParam(p, true)!, name);
    if (!policy) throw RamErrors.policyNotExist();
    const attached = await this.attachments.forPolicy(accountId, policy.policyId);
    const principals = new Map((await this.principals.findMany(accountId, attached.map((a) => a.principalId))).map((x) => [x.principalId, x]));
    const users: Record<string, unknown>[] = [];
    const roles: Record<string, unknown>[] = [];
    for (const a of attached) {
      const x = principals.get(a.principalId);
      if (!x || x.deleted) continue;
      if (a.principalType === 'User') users.push(defined({ UserId: x.principalId, UserName: x.name, DisplayName: x.displayName, AttachDate: a.attachDate }));
      else roles.push(defined({ RoleId: x.principalId, RoleName: x.name, Arn: x.arn, Description: x.description, AttachDate: a.attachDate }));
    }
    return { Users: { User: users }, Groups: { Group: [] }, Roles: { Role: roles } };
  }
}
