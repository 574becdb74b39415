import { Inject, Injectable } from '@nestjs/common';
import { Emit, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { EntityManager } from 'typeorm';
import { PolicyEntity, PolicyVersionEntity } from './policy.entity';
import { PolicyRepository } from './policy.repository';

export interface PolicyChange<T> {
  m: EntityManager;
  emit: Emit;
  policy: PolicyEntity;
  versions: PolicyVersionEntity[];
  /**
   * Stores the change with the version advanced by the number of events it announces (each event
   * gets its own aggregateVersion: `policy.version + 1`, `+ 2`…) and returns the new row.
   */
  bump: (changes: Partial<PolicyEntity>, events?: number) => Promise<PolicyEntity>;
  result?: T;
}

/**
 * Read-modify-write of one custom policy of the caller's account under a row lock (versions,
 * description, delete). Built-in policies are read-only: as far as writes go, they do not exist.
 */
@Injectable()
export class CustomPolicyWriter {
  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  change<T>(accountId: string, policyName: string, work: (c: PolicyChange<T>) => Promise<T>): Promise<T> {
    return this.outbox.run(async (m, emit) => {
      const policy = await this.policies.find(accountId, 'Custom', policyName, m, true);
      if (!policy) throw RamErrors.policyNotExist();
      const versions = await this.policies.versions(policy.policyId, m);
      const bump = async (changes: Partial<PolicyEntity>, events = 1) => {
        const next: PolicyEntity = { ...policy, ...changes, version: policy.version + events };
        await m.update(PolicyEntity, { policyId: policy.policyId }, next);
        return next;
      };
      return work({ m, emit, policy, versions, bump });
    });
  }
}
