import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { POLICY_LIMITS, PolicyLimits } from '../../../policy.constants';
import { PolicyRepository } from '../../policy.repository';
import { checkAttachmentQuota } from '../../policy.rules';
import { PrincipalRepository } from '../../principals/principal.repository';
import { AttachmentEntity } from '../attachment.entity';
import { emitAttachmentEvent } from '../attachment.events';
import { attachmentIdOf, AttachmentRepository } from '../attachment.repository';
import { AttachmentResolver } from '../attachment.resolver';
import { AttachmentTarget, ROLE_TARGET, USER_TARGET } from '../attachment.target';

/**
 * AttachPolicyToUser / AttachPolicyToRole. The principal row is locked while attaching, so the
 * cascade of a concurrent UserDeleted/RoleDeleted either sees this attachment or makes it fail.
 */
abstract class AttachPolicyHandler implements ApiActionHandler {
  readonly product = 'Ram';
  abstract readonly action: string;
  protected abstract readonly target: AttachmentTarget;

  constructor(
    @Inject(AttachmentResolver) private readonly resolver: AttachmentResolver,
    @Inject(AttachmentRepository) private readonly attachments: AttachmentRepository,
    @Inject(PrincipalRepository) private readonly principals: PrincipalRepository,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(POLICY_LIMITS) private readonly limits: PolicyLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const { accountId, policy, principal } = await this.resolver.resolve(call, this.target);
    // two identical attaches racing: the second trips on the primary key and answers like a repeat
    await onDuplicate(() => this.outbox.run(async (m, emit) => {
      const live = await this.principals.findById(principal.principalId, m, true);
      if (!live || live.deleted) throw this.target.notExist();
      if (policy.policyType === 'Custom' && !(await this.policies.find(accountId, 'Custom', policy.policyName, m, true))) throw RamErrors.policyNotExist();
      const attachmentId = attachmentIdOf(policy.policyId, this.target.type, principal.principalId);
      const existing = await this.attachments.find(attachmentId, m, true);
      if (existing?.attached) throw this.target.alreadyAttached();
      checkAttachmentQuota(this.target.type, policy.policyType, await this.attachments.countForPrincipal(accountId, principal.principalId, policy.policyType, m), this.limits);
      const row: AttachmentEntity = {
        attachmentId,
        accountId,
        policyId: policy.policyId,
        policyType: policy.policyType,
        principalType: this.target.type,
        principalId: principal.principalId,
        attached: true,
        attachDate: ramDate(),
        version: (existing?.version ?? 0) + 1,
      };
      if (existing) await m.update(AttachmentEntity, { attachmentId }, row);
      else await m.insert(AttachmentEntity, row);
      emitAttachmentEvent(emit, 'PolicyAttached', row, { policyName: policy.policyName, principalName: live.name });
    }), this.target.alreadyAttached);
    return {};
  }
}

@Injectable()
export class AttachPolicyToUserHandler extends AttachPolicyHandler {
  readonly action = 'AttachPolicyToUser';
  protected readonly target = USER_TARGET;
}

@Injectable()
export class AttachPolicyToRoleHandler extends AttachPolicyHandler {
  readonly action = 'AttachPolicyToRole';
  protected readonly target = ROLE_TARGET;
}
