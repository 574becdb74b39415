import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { ROOT_KEY } from '../../test/directory.fixtures';
import { slowCallEntered } from '../../test/fake-services';
import { startGatewayTestApp } from '../../test/gateway-test.app';

/**
 * A graceful stop (SIGTERM) while an HTTPS request is in flight: the client gets its answer, and the
 * call's ApiCallCompleted is in the gateway's outbox, though it finished while the servers drained.
 */
describe('HTTPS at shutdown', () => {
  it('answers the request in flight and records its call before the database closes', async () => {
    const t = await startGatewayTestApp();
    const entered = slowCallEntered();
    const query = toQueryString(signV1({ method: 'GET', params: { Action: 'GetUser', Version: '2015-05-01', Format: 'JSON', UserName: 'slow' }, credentials: ROOT_KEY }));
    const answered = new Promise<{ status: number; body: string; requestId: string }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: Number(t.httpsHost.split(':')[1]), path: `/?${query}`, method: 'GET', ca: t.caPem }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body, requestId: String(r.headers['x-acs-request-id']) }));
      });
      req.on('error', reject);
      req.end();
    });
    await Promise.race([entered, answered]); // authenticated and waiting in the service (or answered early: the checks below then say why)
    const closed = t.close();
    const res = await answered;
    await closed;

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).User.UserName).toBe('slow');
    const db = new Sqlite(join(t.config.STS_DATA_DIR, 'gateway.sqlite'), { readonly: true });
    try {
      const rows = db.prepare("SELECT envelope FROM outbox WHERE topic LIKE '%gateway%'").all() as { envelope: string }[];
      expect(rows.map((r) => (JSON.parse(r.envelope) as { payload: { requestId: string } }).payload.requestId)).toContain(res.requestId);
    } finally {
      db.close();
    }
  });
});
