import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as $Sts from '@alicloud/sts20150401';
import Database from 'better-sqlite3';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { waitUntil } from '../support/e2e-fleet';
import { startEmbeddedProcess } from './support/embedded-process';
import { prepareContext, type InteropContext } from './support/interop-context';
import { failureOf, stsClient } from './support/sdk-clients';

jest.setTimeout(60_000);

type AuditRow = { source_event_type: string; action: string; outcome: string; principal_arn: string | null; resource: string | null; error_code: string | null; record: string };

/**
 * `npm start`'s process on the wire: the RequestId a client gets is the one in the process log and
 * in the audit trail of its call; a parameter given twice, in a form body or across query and body,
 * is refused with the envelope (ADR 0009, UNCONFIRMED choices).
 */
describe('npm start: one RequestId from answer to log and audit; parameters given twice', () => {
  let target: Awaited<ReturnType<typeof startEmbeddedProcess>> | undefined;
  let ctx: InteropContext;

  beforeAll(async () => {
    target = await startEmbeddedProcess();
    ctx = await prepareContext(target, 'rid');
  }, 180_000);
  afterAll(async () => target?.stop());

  /** Audit records of one request, once the audit consumer has written at least `atLeast` of them. */
  const auditRecordsOf = async (requestId: string, atLeast: number): Promise<AuditRow[]> => {
    let rows: AuditRow[] = [];
    await waitUntil(() => {
      const db = new Database(join(target!.dataDir, 'data', 'audit.sqlite'), { readonly: true, fileMustExist: true });
      try {
        rows = db.prepare('SELECT * FROM audit_records WHERE request_id = ?').all(requestId) as AuditRow[];
      } finally {
        db.close();
      }
      return rows.length >= atLeast;
    }, 10_000);
    return rows;
  };

  const logFile = () => join(target!.dataDir, 'embedded.log');
  const linesWith = (requestId: string) => {
    const log = readFileSync(logFile(), 'utf8');
    // complete lines only: the last one may still be half written
    return log.slice(0, log.lastIndexOf('\n') + 1).split('\n').filter((l) => l.includes(requestId)).map((l) => JSON.parse(l) as Record<string, unknown>);
  };

  /** Log lines of one request, once there is one and the log has not grown for 300 ms (at most 3 s more): a duplicate would be in. */
  const logLinesOf = async (requestId: string): Promise<Record<string, unknown>[]> => {
    await waitUntil(() => linesWith(requestId).length > 0, 10_000);
    const deadline = Date.now() + 3_000;
    let size = statSync(logFile()).size;
    let grewAt = Date.now();
    while (Date.now() - grewAt < 300 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const now = statSync(logFile()).size;
      if (now !== size) [size, grewAt] = [now, Date.now()];
    }
    return linesWith(requestId);
  };

  it('a successful AssumeRole: the RequestId of its body and x-acs-request-id is the one on its log line and on the audit record of the issuance', async () => {
    const { target: t, dir } = ctx;
    const res = await stsClient(t.httpHost, dir.alice).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: dir.roleArn, roleSessionName: 'request-id', durationSeconds: 900 }));
    const requestId = res.body!.requestId!;
    expect(res.headers!['x-acs-request-id']).toBe(requestId);
    const issued = (await auditRecordsOf(requestId, 1)).find((r) => r.source_event_type === 'SessionIssued');
    expect(await logLinesOf(requestId)).toEqual([expect.objectContaining({ requestId, context: 'RpcCall', msg: expect.stringMatching(/^AssumeRole 200 [\d.]+ms$/) })]);
    expect(issued).toMatchObject({ action: 'sts:AssumeRole', outcome: 'Success', principal_arn: expect.stringMatching(/:user\/alice-rid$/), resource: dir.roleArn });
    expect(JSON.parse(issued!.record)).toMatchObject({ requestId, detail: { accessKeyId: res.body!.credentials!.accessKeyId, roleSessionName: 'request-id' } });
  });

  it('a refused AssumeRole: its RequestId is on the log line of the refusal and on the audit records of the service and the gateway', async () => {
    const { target: t, dir } = ctx;
    const missingRole = `${dir.roleArn}-gone`;
    let requestId = '';
    const failure = await failureOf(() =>
      stsClient(t.httpHost, dir.alice)
        .assumeRole(new $Sts.AssumeRoleRequest({ roleArn: missingRole, roleSessionName: 'request-id', durationSeconds: 900 }))
        .catch((err: { requestId?: string }) => {
          requestId = String(err.requestId);
          throw err;
        }),
    );
    expect(failure).toMatchObject({ code: 'EntityNotExist.Role', status: 404 });
    expect(requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(await logLinesOf(requestId)).toEqual([expect.objectContaining({ requestId, context: 'RpcCall', msg: expect.stringMatching(/^AssumeRole 404 EntityNotExist.Role [\d.]+ms$/) })]);
    const records = await auditRecordsOf(requestId, 2);
    expect(records.map((r) => [r.source_event_type, r.outcome, r.error_code]).sort()).toEqual([
      ['ApiCallCompleted', 'Failed', 'EntityNotExist.Role'],
      ['AssumeRoleRefused', 'Denied', 'EntityNotExist.Role'],
    ]);
  });

  it('a request refused before it is read as a call (another path, a body over the limit): its RequestId is on a log line and an audit record too', async () => {
    const { target: t } = ctx;
    const notFound = await fetch(`http://${t.httpHost}/not-an-api`);
    const tooLarge = await fetch(`http://${t.httpHost}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x'.repeat(11 * 1024 * 1024) });
    for (const [res, status, code] of [[notFound, 404, 'InvalidAction.NotFound'], [tooLarge, 413, 'InvalidParameter.RequestSize']] as const) {
      const requestId = res.headers.get('x-acs-request-id')!;
      expect([res.status, ((await res.json()) as { RequestId: string }).RequestId]).toEqual([status, requestId]);
      expect(await logLinesOf(requestId)).toEqual([expect.objectContaining({ requestId, context: 'RpcCall', msg: expect.stringMatching(new RegExp(`^Unknown ${status} ${code.replace('.', '\\.')} [\\d.]+ms$`)) })]);
      expect((await auditRecordsOf(requestId, 1)).map((r) => [r.source_event_type, r.outcome, r.error_code])).toEqual([['ApiCallCompleted', 'Failed', code]]);
    }
  });

  describe('a parameter given twice', () => {
    const BUSINESS = ['RoleArn', 'RoleSessionName', 'DurationSeconds'];
    /** A V1-signed POST AssumeRole, common parameters in the query and business ones in the form body. */
    const post = async (extra: { query?: [string, string][]; body?: [string, string][] } = {}) => {
      const { target: t, dir } = ctx;
      const params = { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RoleArn: dir.roleArn, RoleSessionName: 'twice', DurationSeconds: '900' };
      const signed = Object.entries(signV1({ method: 'POST', params, credentials: dir.alice }));
      const query = [...signed.filter(([n]) => !BUSINESS.includes(n)), ...(extra.query ?? [])];
      const body = [...signed.filter(([n]) => BUSINESS.includes(n)), ...(extra.body ?? [])];
      const res = await fetch(`http://${t.httpHost}/?${toQueryString(query)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: toQueryString(body),
      });
      return { status: res.status, requestId: res.headers.get('x-acs-request-id'), json: (await res.json()) as Record<string, unknown> };
    };
    const refusedEnvelope = (requestId: string | null) => ({
      RequestId: requestId,
      HostId: ctx.target.httpHost,
      Code: 'InvalidParameter',
      Message: 'The parameter "RoleSessionName" is given more than once.',
      Recommend: expect.stringContaining('q=InvalidParameter'),
    });

    it('is accepted once: the same signed request split over query and body issues credentials', async () => {
      const res = await post();
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ RequestId: res.requestId, Credentials: { AccessKeyId: expect.stringMatching(/^STS\./) } });
    });

    it('twice in the form body, same value: InvalidParameter 400 in the envelope, no credentials', async () => {
      const res = await post({ body: [['RoleSessionName', 'twice']] });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(refusedEnvelope(res.requestId));
    });

    it('once in the query and once in the body, same value: InvalidParameter 400 in the envelope, no credentials', async () => {
      const res = await post({ query: [['RoleSessionName', 'twice']] });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(refusedEnvelope(res.requestId));
    });
  });
});
