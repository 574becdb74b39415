import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Database } from '@opensts/platform';
import { SYSTEM_POLICIES } from '@opensts/sts-core/policy';
import { isUniqueViolation } from '@opensts/platform';
import { SYSTEM_ACCOUNT } from '../policy.constants';
import { PolicyEntity, PolicyVersionEntity } from './policy.entity';

/** Built-in policies are constants of sts-core; they become rows here so that listing and attaching treat them like the others. */
export const SYSTEM_POLICY_DATE = '2015-04-28T16:00:00Z';

/**
 * Seeds (or refreshes, when sts-core's text changed) one row per built-in policy at start-up.
 * Idempotent and safe for instances starting together: a duplicate insert means another one won.
 */
@Injectable()
export class SystemPoliciesSeeder implements OnModuleInit {
  constructor(@Inject(Database) private readonly db: Database) {}

  async onModuleInit(): Promise<void> {
    for (const sp of SYSTEM_POLICIES) {
      const policyId = `system:${sp.name}`;
      try {
        await this.db.transaction(async (m) => {
          const existing = await m.findOne(PolicyEntity, { where: { policyId } });
          const version = await m.findOne(PolicyVersionEntity, { where: { policyId, versionId: sp.defaultVersion } });
          if (existing && version?.policyDocument === sp.document && existing.description === sp.description) return;
          const row: PolicyEntity = {
            policyId, accountId: SYSTEM_ACCOUNT, policyType: 'System', policyName: sp.name, nameKey: sp.name.toLowerCase(), description: sp.description,
            defaultVersionId: sp.defaultVersion, nextVersion: 2, createDate: SYSTEM_POLICY_DATE, updateDate: SYSTEM_POLICY_DATE, version: (existing?.version ?? 0) + 1,
          };
          if (existing) await m.update(PolicyEntity, { policyId }, row);
          else await m.insert(PolicyEntity, row);
          if (version) await m.update(PolicyVersionEntity, { policyId, versionId: sp.defaultVersion }, { policyDocument: sp.document });
          else await m.insert(PolicyVersionEntity, { policyId, versionId: sp.defaultVersion, versionNumber: 1, policyDocument: sp.document, createDate: SYSTEM_POLICY_DATE });
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
  }
}
