import { Inject, Injectable } from '@nestjs/common';
import { Database, InternalActionClient, LookupPrincipalResult } from '@opensts/platform';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { AttachmentPrincipalType } from '@opensts/sts-core/events';
import { POLICY_DIRECTORY_CLIENT } from '../../policy.constants';
import { PrincipalEntity } from './principal.entity';
import { PrincipalRepository } from './principal.repository';

/**
 * Finds a user or role by name: first in the read model built from identity events; on a miss
 * (the event may still be on its way) by asking identity-directory, whose answer is merged into
 * the read model with its version so that events and lookups agree (ADR 0007).
 */
@Injectable()
export class PrincipalDirectory {
  constructor(
    @Inject(PrincipalRepository) private readonly principals: PrincipalRepository,
    @Inject(POLICY_DIRECTORY_CLIENT) private readonly client: InternalActionClient,
    @Inject(Database) private readonly db: Database,
  ) {}

  async find(accountId: string, type: AttachmentPrincipalType, name: string): Promise<PrincipalEntity | null> {
    const local = await this.principals.findLiveByName(accountId, type, name);
    if (local) return local;
    const answer = await this.lookup(accountId, type, name);
    if (!answer.Found || !answer.Principal || answer.Principal.accountId !== accountId) return null;
    const snapshot = answer.Principal;
    await this.db.transaction((m) => this.principals.merge(m, snapshot));
    const merged = await this.principals.findById(snapshot.principalId);
    return merged && !merged.deleted ? merged : null;
  }

  private async lookup(accountId: string, type: AttachmentPrincipalType, name: string): Promise<LookupPrincipalResult> {
    try {
      return (await this.client.call('identity-directory', 'LookupPrincipal', { AccountId: accountId, PrincipalType: type, PrincipalName: name })) as unknown as LookupPrincipalResult;
    } catch (err) {
      if (StsError.is(err) && err.code === 'ServiceUnavailable') throw err;
      throw Errors.serviceUnavailable();
    }
  }
}
