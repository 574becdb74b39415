import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Database, EventBus, IdempotentConsumer, TransactionalOutbox } from '@opensts/platform';
import { EventEnvelope, RoleDeletedV1, RoleStateV1, Topics, UserDeletedV1, UserStateV1 } from '@opensts/sts-core/events';
import { EntityManager } from 'typeorm';
import { Emit } from '@opensts/platform';
import { AttachmentEntity } from '../attachments/attachment.entity';
import { emitAttachmentEvent } from '../attachments/attachment.events';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { PolicyEntity } from '../policy.entity';
import { PrincipalRepository } from './principal.repository';

const RELEVANT = new Set(['UserCreated', 'UserUpdated', 'UserDeleted', 'RoleCreated', 'RoleUpdated', 'RoleDeleted']);

/**
 * Keeps the users and roles of the directory in this service's database from identity events
 * (older versions than stored are ignored) and, when one is deleted, detaches every policy from it
 * in the same transaction, announcing each detach.
 */
@Injectable()
export class PrincipalProjection implements OnModuleInit {
  private readonly inbox: IdempotentConsumer;

  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(Database) db: Database,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(PrincipalRepository) private readonly principals: PrincipalRepository,
    @Inject(AttachmentRepository) private readonly attachments: AttachmentRepository,
  ) {
    this.inbox = new IdempotentConsumer(db, 'policy-principals');
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe({ group: 'opensts-policy-principals', topics: [Topics.identity], fromBeginning: true, handler: (msg) => this.apply(msg.envelope) });
  }

  async apply(env: EventEnvelope): Promise<void> {
    if (!RELEVANT.has(env.type)) return;
    await this.outbox.run((m, emit) => this.inbox.applyWith(m, env, () => this.project(m, emit, env)));
  }

  private async project(m: EntityManager, emit: Emit, env: EventEnvelope): Promise<void> {
    const version = env.aggregateVersion;
    switch (env.type) {
      case 'UserCreated':
      case 'UserUpdated': {
        const u = env.payload as UserStateV1;
        await this.principals.merge(m, { accountId: u.accountId, principalType: 'User', principalId: u.userId, name: u.userName, displayName: u.displayName, version });
        return;
      }
      case 'RoleCreated':
      case 'RoleUpdated': {
        const r = env.payload as RoleStateV1;
        await this.principals.merge(m, { accountId: r.accountId, principalType: 'Role', principalId: r.roleId, name: r.roleName, description: r.description, arn: r.arn, version });
        return;
      }
      case 'UserDeleted':
      case 'RoleDeleted': {
        const d = env.payload as UserDeletedV1 & RoleDeletedV1;
        const type = env.type === 'UserDeleted' ? 'User' : 'Role';
        const principalId = type === 'User' ? d.userId : d.roleId;
        const name = type === 'User' ? d.userName : d.roleName;
        if (!(await this.principals.merge(m, { accountId: d.accountId, principalType: type, principalId, name, version }, true))) return;
        await this.detachAll(m, emit, d.accountId, principalId, name);
        return;
      }
    }
  }

  private async detachAll(m: EntityManager, emit: Emit, accountId: string, principalId: string, principalName: string): Promise<void> {
    for (const a of await this.attachments.forPrincipal(accountId, principalId, m)) {
      const row: AttachmentEntity = { ...a, attached: false, version: a.version + 1 };
      await m.update(AttachmentEntity, { attachmentId: a.attachmentId }, { attached: false, version: row.version });
      const policy = await m.findOne(PolicyEntity, { where: { policyId: a.policyId } });
      emitAttachmentEvent(emit, 'PolicyDetached', row, { policyName: policy?.policyName ?? a.policyId, principalName });
    }
  }
}
