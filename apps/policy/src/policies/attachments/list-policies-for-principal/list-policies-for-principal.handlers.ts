import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, Database } from '@opensts/platform';
import { In } from 'typeorm';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { PolicyEntity } from '../../policy.entity';
import { PrincipalDirectory } from '../../principals/principal.directory';
import { AttachmentRepository } from '../attachment.repository';
import { AttachmentTarget, ROLE_TARGET, USER_TARGET } from '../attachment.target';

abstract class ListPoliciesForPrincipalHandler implements ApiActionHandler {
  readonly product = 'Ram';
  abstract readonly action: string;
  protected abstract readonly target: AttachmentTarget;

  constructor(
    @Inject(PrincipalDirectory) private readonly principals: PrincipalDirectory,
    @Inject(AttachmentRepository) private readonly attachments: AttachmentRepository,
    @Inject(Database) private readonly db: Database,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const principal = await this.principals.find(accountId, this.target.type, new ActionParams(call.params).required(this.target.param));
    if (!principal) throw this.target.notExist();
    const attached = await this.attachments.forPrincipal(accountId, principal.principalId);
    const policies = attached.length === 0 ? [] : await this.db.manager.find(PolicyEntity, { where: { policyId: In(attached.map((a) => a.policyId)) } });
    const byId = new Map(policies.map((p) => [p.policyId, p]));
    const items = attached.flatMap((a) => {
      const p = byId.get(a.policyId);
      return p ? [{ PolicyName: p.policyName, PolicyType: p.policyType, Description: p.description ?? '', DefaultVersion: p.defaultVersionId, AttachDate: a.attachDate }] : [];
    });
    return { Policies: { Policy: items } };
  }
}

@Injectable()
export class ListPoliciesForUserHandler extends ListPoliciesForPrincipalHandler {
  readonly action = 'ListPoliciesForUser';
  protected readonly target = USER_TARGET;
}

@Injectable()
export class ListPoliciesForRoleHandler extends ListPoliciesForPrincipalHandler {
  readonly action = 'ListPoliciesForRole';
  protected readonly target = ROLE_TARGET;
}
