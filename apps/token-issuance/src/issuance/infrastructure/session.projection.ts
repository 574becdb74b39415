import { EntityManager } from 'typeorm';
import type { SessionIssuedV2 } from '@opensts/sts-core/events';
import { Database } from '@opensts/platform';
import type { RecordedEvent } from './event-store';
import { placeholders } from './sql';

const SESSION_COLUMNS =
  'access_key_id, account_id, role_id, role_name, role_arn, role_session_name, mechanism, caller_type, caller_arn, source_identity, session_policy, issued_at, expires_at';
const TABLES = ['active_sessions', 'session_revocations', 'role_revocations'] as const;

interface Statement {
  sql: string;
  params: unknown[];
}

/** Instants in the projection are full ISO-8601 with milliseconds: they compare correctly as text. */
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
/** The store's own instants (whole seconds, UTC) only gain `.000`; anything else is parsed. */
const iso = (instant: string): string => {
  const m = UTC.exec(instant);
  if (!m) return new Date(instant).toISOString();
  return m[1] ? instant : `${instant.slice(0, 19)}.000Z`;
};

const sessionRow = (p: SessionIssuedV2): unknown[] => [
  p.accessKeyId,
  p.accountId,
  p.roleId,
  p.roleName,
  p.roleArn,
  p.roleSessionName,
  p.mechanism,
  p.caller.type,
  p.caller.arn,
  p.sourceIdentity ?? null,
  p.sessionPolicy ?? null,
  iso(p.issuedAt),
  iso(p.expiration),
];

/**
 * The read models of the session store: active sessions (per account, per role), single-session
 * revocations and role-wide cut-offs. Updated in the transaction of each append, so they never
 * lag the store; derived only from the store, so they can be dropped and rebuilt from it.
 */
export class SessionProjection {
  constructor(private readonly kind: Database['kind']) {}

  /** The insert for issued sessions, its placeholders numbered after `offset` (to embed it in a larger statement). */
  insertSessions(issued: readonly SessionIssuedV2[], offset = 0): Statement {
    const rows = issued.map((_, i) => `(${placeholders(this.kind, 13, offset + i * 13)})`).join(', ');
    return { sql: `INSERT INTO active_sessions (${SESSION_COLUMNS}) VALUES ${rows}`, params: issued.flatMap(sessionRow) };
  }

  /** Applies events in log order; consecutive issuances become one multi-row insert. */
  async apply(m: EntityManager, recorded: readonly RecordedEvent[]): Promise<void> {
    for (const s of this.statements(recorded, false)) await m.query(s.sql, s.params);
  }

  /** The same inside `db.writeSync` (SQLite): one prepared statement per row, compiled once. */
  applySync(db: Database, recorded: readonly RecordedEvent[]): void {
    for (const s of this.statements(recorded, true)) db.prepare(s.sql).run(s.params);
  }

  /** What applying `recorded` in log order writes; issuances row by row or a run of them in one insert. */
  private statements(recorded: readonly RecordedEvent[], rowByRow: boolean): Statement[] {
    const out: Statement[] = [];
    let issued: SessionIssuedV2[] = [];
    const flush = () => {
      if (issued.length === 0) return;
      if (rowByRow) out.push(...issued.map((p) => this.insertSessions([p])));
      else out.push(this.insertSessions(issued));
      issued = [];
    };
    for (const { event } of recorded) {
      switch (event.type) {
        case 'SessionIssued':
          issued.push(event.payload);
          break;
        case 'SessionRevoked': {
          flush();
          const p = event.payload;
          out.push({ sql: `DELETE FROM active_sessions WHERE access_key_id = ${this.p(1)}`, params: [p.accessKeyId] });
          out.push({
            sql: `INSERT INTO session_revocations (access_key_id, account_id, role_id, role_arn, reason, revoked_at) VALUES (${this.p(6)}) ON CONFLICT (access_key_id) DO NOTHING`,
            params: [p.accessKeyId, p.accountId, p.roleId, p.roleArn, p.reason ?? null, iso(p.revokedAt)],
          });
          break;
        }
        case 'RoleSessionsRevoked': {
          flush();
          const p = event.payload;
          out.push({ sql: `DELETE FROM active_sessions WHERE role_id = ${this.p(1)} AND issued_at < ${this.p(1, 1)}`, params: [p.roleId, iso(p.issuedBefore)] });
          out.push({
            sql: `INSERT INTO role_revocations (role_id, account_id, role_arn, issued_before, revoked_at) VALUES (${this.p(5)})
             ON CONFLICT (role_id) DO UPDATE SET issued_before = excluded.issued_before, revoked_at = excluded.revoked_at
             WHERE role_revocations.issued_before < excluded.issued_before`,
            params: [p.roleId, p.accountId, p.roleArn, iso(p.issuedBefore), iso(p.revokedAt)],
          });
          break;
        }
        case 'AssumeRoleRefused':
          break;
        default: {
          const unknown: never = event;
          throw new Error(`unprojected event ${(unknown as { type: string }).type}`);
        }
      }
    }
    flush();
    return out;
  }

  /**
   * Drops the projections and replays the whole store into them, in one transaction. On
   * PostgreSQL the tables are locked first so live appends wait instead of interleaving.
   */
  async rebuild(db: Database, readAll: (after: string, limit: number, m: EntityManager) => Promise<RecordedEvent[]>, pageSize = 1_000): Promise<number> {
    return db.transaction(async (m) => {
      if (db.kind === 'postgres') await m.query(`LOCK TABLE ${TABLES.join(', ')} IN EXCLUSIVE MODE`);
      for (const table of TABLES) await m.query(`DELETE FROM ${table}`);
      let after = '0';
      let total = 0;
      for (;;) {
        const page = await readAll(after, pageSize, m);
        if (page.length === 0) return total;
        await this.apply(m, page);
        total += page.length;
        after = page[page.length - 1].position!;
      }
    });
  }

  /** Sessions past their expiry are no longer active; nothing else ever removes them. */
  async prune(db: Database, now: Date): Promise<void> {
    await db.transaction((m) => m.query(`DELETE FROM active_sessions WHERE expires_at <= ${this.p(1)}`, [now.toISOString()]));
  }

  private p(count: number, offset = 0): string {
    return placeholders(this.kind, count, offset);
  }
}
