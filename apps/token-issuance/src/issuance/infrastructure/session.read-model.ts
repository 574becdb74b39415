import { Database } from '@opensts/platform';
import type { SessionClaims } from '@opensts/sts-core/token';
import { placeholders } from './sql';

interface SessionRow {
  access_key_id: string;
  account_id: string;
  role_id: string;
  role_name: string;
  role_session_name: string;
  mechanism: string;
  caller_type: string;
  caller_arn: string;
  source_identity: string | null;
  session_policy: string | null;
  issued_at: string;
  expires_at: string;
}

export interface SessionPage {
  sessions: SessionClaims[];
  /** The last AccessKeyId returned, when more may follow. */
  next?: string;
}

/** Queries of the active-sessions projection (ListSessions). */
export class SessionReadModel {
  constructor(private readonly db: Database) {}

  /** Unexpired sessions of an account (optionally one role), by AccessKeyId, after `marker`. */
  async page(filter: { accountId: string; roleId?: string; after?: string; limit: number; now: Date }): Promise<SessionPage> {
    const where = ['account_id = ?', 'expires_at > ?'];
    const params: unknown[] = [filter.accountId, filter.now.toISOString()];
    if (filter.roleId !== undefined) {
      where.push('role_id = ?');
      params.push(filter.roleId);
    }
    if (filter.after !== undefined) {
      where.push('access_key_id > ?');
      params.push(filter.after);
    }
    let n = 0;
    const sql = `SELECT * FROM active_sessions WHERE ${where.join(' AND ')} ORDER BY access_key_id LIMIT ?`.replace(/\?/g, () => placeholders(this.db.kind, 1, n++));
    const rows: SessionRow[] = await this.db.manager.query(sql, [...params, filter.limit + 1]);
    const sessions = rows.slice(0, filter.limit).map(toClaims);
    return { sessions, next: rows.length > filter.limit ? sessions[sessions.length - 1].accessKeyId : undefined };
  }

  /** Every row, in a stable order (projection comparisons in tests and tools). */
  async snapshot(): Promise<Record<string, unknown[]>> {
    const q = (sql: string) => this.db.manager.query(sql) as Promise<unknown[]>;
    return {
      active_sessions: await q('SELECT * FROM active_sessions ORDER BY access_key_id'),
      session_revocations: await q('SELECT * FROM session_revocations ORDER BY access_key_id'),
      role_revocations: await q('SELECT * FROM role_revocations ORDER BY role_id'),
    };
  }
}

function toClaims(r: SessionRow): SessionClaims {
  return {
    accessKeyId: r.access_key_id,
    mechanism: r.mechanism as SessionClaims['mechanism'],
    accountId: r.account_id,
    roleId: r.role_id,
    roleName: r.role_name,
    roleSessionName: r.role_session_name,
    caller: { type: r.caller_type as SessionClaims['caller']['type'], arn: r.caller_arn },
    sourceIdentity: r.source_identity ?? undefined,
    policy: r.session_policy ?? undefined,
    issuedAt: new Date(r.issued_at),
    expiresAt: new Date(r.expires_at),
  };
}
