/**
 * The embedded floor: what one `npm start` process must do per AssumeRole, with the same libraries
 * and group commits and none of OpenSTS's code. One process, one event loop, three SQLite files
 * as the services own them, with the same pragmas (WAL, synchronous NORMAL, 32 MB cache) and the
 * same indexes as the real tables, checkpointed from a worker thread (WalCheckpointer) as there:
 * - Fastify over HTTP/1.1, the V1 signature's own work (floor-common);
 * - the SignatureNonce claimed in the gateway's file (INSERT OR IGNORE, one transaction per turn);
 * - the token sealed with AES-256-GCM, its SessionIssued event and active-session row in the
 *   issuance file (one transaction per turn), the relay's position moved on after it;
 * - the event handed over in memory to the audit recorder, whose record goes into the audit file
 *   (one transaction per turn, idempotent on the event id);
 * - the JSON answer once the issuance committed.
 * Prints `READY <port>`. BENCH_DATA_DIR holds the files. BENCH_FLOOR_WRITES (a diagnostic, the
 * `floor-embedded` suite): `all` (default), `nonce` (the nonce claim only), `none` (no SQLite).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { WalCheckpointer } from '../../libs/platform/src/persistence/wal-checkpointer';
import { issueSession, orderedId, perTurn, signatureWork, tokenSealer, type AssumeRoleAsked } from './floor-common';

const dir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'floor-embedded-'));
// checkpoints off the event loop, as `npm start` does them
const checkpointer = new WalCheckpointer();

function open(name: string, schema: string): Database.Database {
  const db = new Database(join(dir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  db.exec(schema);
  checkpointer.adopt(db);
  return db;
}

const gatewayDb = open(
  'gateway',
  `CREATE TABLE IF NOT EXISTS signature_nonces (access_key_id varchar(128) NOT NULL, nonce varchar(128) NOT NULL, expires_at bigint NOT NULL, PRIMARY KEY (access_key_id, nonce));
   CREATE INDEX IF NOT EXISTS ix_signature_nonces_expiry ON signature_nonces (expires_at);`,
);
const issuanceDb = open(
  'issuance',
  `CREATE TABLE IF NOT EXISTS events (position integer PRIMARY KEY AUTOINCREMENT, stream_id varchar(200) NOT NULL, version integer NOT NULL, event_id varchar(36) NOT NULL UNIQUE,
     event_type varchar(100) NOT NULL, schema_version integer NOT NULL, payload text NOT NULL, metadata text NOT NULL, occurred_at varchar(30) NOT NULL, UNIQUE (stream_id, version));
   CREATE TABLE IF NOT EXISTS active_sessions (access_key_id varchar(64) PRIMARY KEY, account_id varchar(32) NOT NULL, role_id varchar(32) NOT NULL, role_arn varchar(200) NOT NULL,
     role_session_name varchar(64) NOT NULL, caller_arn varchar(300) NOT NULL, issued_at varchar(30) NOT NULL, expires_at varchar(30) NOT NULL);
   CREATE INDEX IF NOT EXISTS ix_active_sessions_account ON active_sessions (account_id, access_key_id);
   CREATE INDEX IF NOT EXISTS ix_active_sessions_role ON active_sessions (role_id, issued_at);
   CREATE INDEX IF NOT EXISTS ix_active_sessions_expiry ON active_sessions (expires_at);
   CREATE TABLE IF NOT EXISTS relay_positions (relay varchar(100) PRIMARY KEY, position integer NOT NULL);`,
);
const auditDb = open(
  'audit',
  `CREATE TABLE IF NOT EXISTS audit_records (record_id varchar(36) PRIMARY KEY, source_event_id varchar(36) NOT NULL UNIQUE, source_event_type varchar(100) NOT NULL,
     occurred_at varchar(30) NOT NULL, account_id varchar(32), request_id varchar(64), action varchar(100) NOT NULL, outcome varchar(10) NOT NULL,
     principal_arn varchar(300), resource varchar(300), error_code varchar(100), record text NOT NULL);
   CREATE INDEX IF NOT EXISTS ix_audit_account_time ON audit_records (account_id, occurred_at);
   CREATE INDEX IF NOT EXISTS ix_audit_request ON audit_records (request_id);`,
);

// the nonces of one turn in one transaction, as the real store claims them
interface Claim { key: string; nonce: string; won: (yes: boolean) => void }
const insertNonce = gatewayDb.prepare('INSERT OR IGNORE INTO signature_nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?)');
const claimAll = gatewayDb.transaction((batch: Claim[]) => batch.map((c) => insertNonce.run(c.key, c.nonce, Date.now() + 900_000).changes === 1));
const submitClaim = perTurn<Claim>(async (batch) => {
  const won = claimAll(batch);
  batch.forEach((c, i) => c.won(won[i]));
});
const claim = (key: string, nonce: string) => new Promise<boolean>((resolve) => submitClaim({ key, nonce, won: resolve }));

// the issuance's event and session rows, one transaction per turn, then the relay hands the events to the audit recorder
interface Issued { request: AssumeRoleAsked; sessionId: string; eventId: string; envelope: string; done: () => void }
const insertEvent = issuanceDb.prepare('INSERT INTO events (stream_id, version, event_id, event_type, schema_version, payload, metadata, occurred_at) VALUES (?, 1, ?, ?, 2, ?, ?, ?)');
const insertSession = issuanceDb.prepare(
  'INSERT INTO active_sessions (access_key_id, account_id, role_id, role_arn, role_session_name, caller_arn, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const moveRelay = issuanceDb.prepare("INSERT INTO relay_positions (relay, position) VALUES ('issuance', ?) ON CONFLICT (relay) DO UPDATE SET position = excluded.position");
const appendAll = issuanceDb.transaction((batch: Issued[]) => {
  const now = new Date().toISOString();
  let position = 0;
  for (const w of batch) {
    position = Number(insertEvent.run(w.sessionId, w.eventId, 'SessionIssued', w.envelope, '{}', now).lastInsertRowid);
    insertSession.run(`STS.${w.sessionId.replace(/-/g, '')}`, '1234567890123456', '300000000000000001', w.request.roleArn, w.request.sessionName, `acs:ram::1234567890123456:user/${w.request.accessKeyId}`, now, now);
  }
  return position;
});
const appendIssued = perTurn<Issued>(async (batch) => {
  const position = appendAll(batch);
  batch.forEach((w) => w.done());
  setImmediate(() => {
    batch.forEach((w) => record(w));
    moveRelay.run(position);
  });
});

const insertAudit = auditDb.prepare(
  'INSERT OR IGNORE INTO audit_records (record_id, source_event_id, source_event_type, occurred_at, account_id, request_id, action, outcome, principal_arn, resource, error_code, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
);
const recordAll = auditDb.transaction((batch: Issued[]) => {
  const now = new Date().toISOString();
  for (const w of batch) insertAudit.run(orderedId(), w.eventId, 'SessionIssued', now, '1234567890123456', orderedId(), 'AssumeRole', 'Success', w.request.accessKeyId, w.request.roleArn, w.envelope);
});
const record = perTurn<Issued>(async (batch) => recordAll(batch));

const seal = tokenSealer();
const WRITES = process.env.BENCH_FLOOR_WRITES ?? 'all';

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.post('/', async (req, reply) => {
    const query = req.query as Record<string, string>;
    signatureWork(query);
    if (WRITES !== 'none' && !(await claim(query.AccessKeyId, query.SignatureNonce))) return reply.code(400).send({ Code: 'SignatureNonceUsed' });
    const request = { roleArn: query.RoleArn, sessionName: query.RoleSessionName, accessKeyId: query.AccessKeyId };
    const issued = issueSession(request, seal);
    if (WRITES === 'all') await new Promise<void>((done) => appendIssued({ request, ...issued, done }));
    return reply.header('content-type', 'application/json;charset=utf-8').send(issued.answer);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
