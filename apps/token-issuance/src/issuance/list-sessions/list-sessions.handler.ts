import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView, RevocationView } from '@opensts/access';
import { isValidAccountId, parseRoleArnParameter } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';
import type { SessionClaims } from '@opensts/sts-core/token';
import { Clock } from '../clock';
import { SessionReadModel } from '../infrastructure/session.read-model';

export interface ListSessionsInput {
  readonly accountId: string;
  readonly roleArn?: string;
  readonly maxItems?: number;
  readonly marker?: string;
}

const DEFAULT_ITEMS = 100;
const MAX_ITEMS = 1_000;
/** Rows read per query, however few are still wanted: revoked sessions are skipped in the handler. */
const PAGE_ROWS = 100;
/**
 * Rows one call reads at most. The projection keeps a revoked session (a deleted role's, say)
 * until it expires, so a page of live ones may sit behind any number of revoked ones: past this
 * the call answers what it found with a marker, and the next call goes on from there.
 */
export const MAX_ROWS_SCANNED = 5_000;

/**
 * ListSessions: the active-sessions projection, minus what the revocation view knows and the
 * projection cannot (a deleted role kills its sessions; the projection reads only this store).
 */
@Injectable()
export class ListSessionsHandler {
  constructor(
    @Inject(SessionReadModel) private readonly sessions: SessionReadModel,
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(RevocationView) private readonly revocations: RevocationView,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(input: ListSessionsInput): Promise<{ sessions: SessionClaims[]; marker?: string }> {
    if (!isValidAccountId(input.accountId)) throw Errors.invalidParameter('AccountId', 'The parameter AccountId is wrongly formed.');
    const limit = input.maxItems === undefined || input.maxItems === 0 ? DEFAULT_ITEMS : input.maxItems;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS) throw Errors.invalidParameter('MaxItems', `The parameter MaxItems must be between 1 and ${MAX_ITEMS}.`);
    let roleId: string | undefined;
    if (input.roleArn) {
      const arn = parseRoleArnParameter(input.roleArn);
      if (!arn.ok) throw arn.error;
      const role = this.directory.role(arn.arn.accountId, arn.arn.roleName);
      if (!role) throw Errors.roleNotExist(input.roleArn);
      roleId = role.roleId;
    }
    const now = this.clock.now();
    const out: SessionClaims[] = [];
    let after = input.marker || undefined;
    let scanned = 0;
    for (;;) {
      const page = await this.sessions.page({ accountId: input.accountId, roleId, after, limit: Math.max(PAGE_ROWS, limit - out.length), now });
      scanned += page.sessions.length;
      for (const [i, s] of page.sessions.entries()) {
        if (this.revocations.isRevoked(s)) continue;
        out.push(s);
        if (out.length === limit) {
          const more = i < page.sessions.length - 1 || page.next !== undefined;
          return more ? { sessions: out, marker: s.accessKeyId } : { sessions: out };
        }
      }
      if (page.next === undefined) return { sessions: out };
      if (scanned >= MAX_ROWS_SCANNED) return { sessions: out, marker: page.next };
      after = page.next;
    }
  }
}
