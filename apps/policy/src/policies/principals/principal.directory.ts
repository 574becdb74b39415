import { Inject, Injectable } from '@nestjs/common';
import { Database, DirectoryPrincipalSnapshot, InternalActionClient, LookupPrincipalResult } from '@opensts/platform';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { AttachmentPrincipalType } from '@opensts/sts-core/events';
import { POLICY_DIRECTORY_CLIENT } from '../../policy.constants';
import { PrincipalEntity } from './principal.entity';
import { PrincipalRepository } from './principal.repository';

/**
 * Finds the user or role that holds a name now. Only identity-directory knows that: a name freed
 * by a delete or a rename and taken again a moment ago still points at its former holder in the
 * read model until the events arrive, and trusting it would attach to the wrong principal (or to
 * one the late UserDeleted then detaches). So the directory is asked first and its answer merged
 * into the read model with its version, so that lookups and events agree (ADR 0007). While the
 * directory does not answer, the read model decides, and a name it does not know is
 * ServiceUnavailable.
 */
@Injectable()
export class PrincipalDirectory {
  constructor(
    @Inject(PrincipalRepository) private readonly principals: PrincipalRepository,
    @Inject(POLICY_DIRECTORY_CLIENT) private readonly client: InternalActionClient,
    @Inject(Database) private readonly db: Database,
  ) {}

  async find(accountId: string, type: AttachmentPrincipalType, name: string): Promise<PrincipalEntity | null> {
    let answer: LookupPrincipalResult;
    try {
      answer = await this.lookup(accountId, type, name);
    } catch (unavailable) {
      const local = await this.principals.findLiveByName(accountId, type, name);
      if (local) return local;
      throw unavailable;
    }
    const snapshot = answer.Found ? answer.Principal : undefined;
    if (!snapshot || snapshot.accountId !== accountId || snapshot.principalType !== type) return null;
    return this.merged(snapshot);
  }

  /** The principal after merging the directory's answer (a newer local row, e.g. a tombstone, wins). */
  private async merged(snapshot: DirectoryPrincipalSnapshot): Promise<PrincipalEntity | null> {
    let row = await this.principals.findById(snapshot.principalId);
    if (!row || row.version < snapshot.version) {
      await this.db.transaction((m) => this.principals.merge(m, snapshot));
      row = await this.principals.findById(snapshot.principalId);
    }
    return row && !row.deleted ? row : null;
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
