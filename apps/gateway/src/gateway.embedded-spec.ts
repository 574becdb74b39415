import { request as httpsRequest } from 'node:https';
import { signV1, signV3, toQueryString, v3CanonicalRequest, v3Signature, v3StringToSign } from '@opensts/sts-core/signing';
import { startGatewayTestApp, type GatewayTestApp } from '../test/gateway-test.app';
import { ACCOUNT, ALICE, BOB, directoryEvents, ROLE, ROOT_KEY, statement } from '../test/directory.fixtures';
import { receivedCalls } from '../test/fake-services';

const ROLE_ARN = `acs:ram::${ACCOUNT}:role/${ROLE.roleName}`;
const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('gateway over HTTP(S) (SQLite, in-process bus, fake services)', () => {
  let t: GatewayTestApp;
  beforeAll(async () => {
    t = await startGatewayTestApp();
  });
  afterAll(async () => t?.close());

  const v1 = (method: 'GET' | 'POST', params: Record<string, string>, creds: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = ALICE) =>
    signV1({ method, params: { Format: 'JSON', Version: '2015-04-01', ...params }, credentials: creds });

  async function call(method: 'GET' | 'POST', params: Record<string, string>, creds?: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) {
    const res = await fetch(`http://${t.httpHost}/?${toQueryString(v1(method, params, creds))}`, { method });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it('serves AssumeRole (V1, GET) with a RequestId in body and header, and JSON content type', async () => {
    const res = await call('GET', { Action: 'AssumeRole', RoleArn: ROLE_ARN, RoleSessionName: 'alice-session', DurationSeconds: '900' });
    const body = JSON.parse(res.text);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(body.RequestId).toMatch(UUID_UPPER);
    expect(res.headers.get('x-acs-request-id')).toBe(body.RequestId);
    expect(body.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body).not.toHaveProperty('Code');
    expect(Object.keys(body)[0]).toBe('RequestId');
    const call0 = receivedCalls.at(-1)!;
    expect(call0.params).toEqual({ RoleArn: ROLE_ARN, RoleSessionName: 'alice-session', DurationSeconds: '900' });
    expect(call0.principal).toMatchObject({ type: 'RAMUser', userName: 'alice' });
    expect(call0.context).toEqual({ requestId: body.RequestId, sourceIp: '127.0.0.1', secureTransport: false });
  });

  it('authenticates the temporary credentials it issued (V3 POST, token in x-acs-security-token)', async () => {
    const assumed = JSON.parse((await call('POST', { Action: 'AssumeRole', RoleArn: ROLE_ARN, RoleSessionName: 's1' })).text).Credentials;
    const headers = signV3({
      method: 'POST',
      host: t.httpHost,
      action: 'GetCallerIdentity',
      version: '2015-04-01',
      credentials: { accessKeyId: assumed.AccessKeyId, accessKeySecret: assumed.AccessKeySecret, securityToken: assumed.SecurityToken },
    });
    const res = await fetch(`http://${t.httpHost}/`, { method: 'POST', headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ IdentityType: 'AssumedRoleUser', Arn: `acs:ram::${ACCOUNT}:assumed-role/${ROLE.roleName}/s1` });
  });

  it('accepts a query written with + for a space, as the Python, Go and Java SDKs write it (signed with %20), V1 and V3', async () => {
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] }, null, 1); // spaces and newlines
    const v1Query = new URLSearchParams(v1('GET', { Action: 'AssumeRole', RoleArn: ROLE_ARN, RoleSessionName: 'plus-v1', Policy: policy })).toString();
    expect(v1Query).toContain('+'); // the form encoder's space
    expect((await fetch(`http://${t.httpHost}/?${v1Query}`)).status).toBe(200);
    expect(receivedCalls.at(-1)!.params.Policy).toBe(policy);

    const query = { RoleArn: ROLE_ARN, RoleSessionName: 'plus-v3', Policy: policy };
    const headers = signV3({ method: 'POST', host: t.httpHost, action: 'AssumeRole', version: '2015-04-01', query, credentials: ALICE });
    expect((await fetch(`http://${t.httpHost}/?${new URLSearchParams(query).toString()}`, { method: 'POST', headers })).status).toBe(200);
    expect(receivedCalls.at(-1)!.params.Policy).toBe(policy);
  });

  it('verifies a V3 signature over exactly the headers SignedHeaders lists, one beyond host and x-acs-* included', async () => {
    const headers: Record<string, string> = { ...signV3({ method: 'POST', host: t.httpHost, action: 'GetCallerIdentity', version: '2015-04-01', credentials: ALICE }), accept: 'application/json' };
    delete headers.authorization;
    const names = Object.keys(headers).sort();
    const canonical = v3CanonicalRequest({
      method: 'POST', canonicalUri: '/', canonicalQuery: '', signedHeaders: names, headerValues: names.map((n) => headers[n]), signedHeadersList: names.join(';'), hashedPayload: headers['x-acs-content-sha256'],
    });
    const signature = v3Signature(v3StringToSign(canonical), ALICE.accessKeySecret);
    const authorization = `ACS3-HMAC-SHA256 Credential=${ALICE.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
    expect((await fetch(`http://${t.httpHost}/`, { method: 'POST', headers: { ...headers, authorization } })).status).toBe(200);
    // and the listed header is covered: another value breaks the signature
    const changed = await fetch(`http://${t.httpHost}/`, { method: 'POST', headers: { ...headers, accept: 'text/xml', authorization } });
    expect(((await changed.json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch');
  });

  it('answers errors with the envelope and the spec status', async () => {
    const unknown = await call('GET', { Action: 'GetCallerIdentity' }, { accessKeyId: 'LTAI5tNobody000000000000', accessKeySecret: 'x' });
    const inactive = await call('GET', { Action: 'GetCallerIdentity' }, BOB);
    const badSig = await call('GET', { Action: 'GetCallerIdentity' }, { accessKeyId: ALICE.accessKeyId, accessKeySecret: 'wrong' });
    const body = JSON.parse(unknown.text);
    expect([unknown.status, body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
    expect(Object.keys(body)).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
    expect(body.HostId).toBe(t.httpHost);
    expect(unknown.headers.get('x-acs-request-id')).toBe(body.RequestId);
    expect([inactive.status, JSON.parse(inactive.text).Code]).toEqual([400, 'InvalidAccessKeyId.Inactive']);
    expect(JSON.parse(badSig.text).Message).toMatch(/^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&/);
  });

  it('refuses a RAM action the caller has no policy for, and allows it once a policy is attached', async () => {
    const denied = await call('GET', { Action: 'CreateUser', Version: '2015-05-01', UserName: 'carol' });
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text)).toMatchObject({ Code: 'NoPermission', AccessDeniedDetail: { AuthAction: 'ram:CreateUser', NoPermissionType: 'ImplicitDeny' } });
    await t.publish(directoryEvents.policy('UserAdmin', statement('Allow', 'ram:CreateUser', `acs:ram:*:${ACCOUNT}:user/*`)), directoryEvents.attach('UserAdmin', 'User', ALICE.userId));
    const allowed = await call('GET', { Action: 'CreateUser', Version: '2015-05-01', UserName: 'carol' });
    expect(allowed.status).toBe(200);
    const root = await call('GET', { Action: 'ListUsers', Version: '2015-05-01' }, ROOT_KEY);
    expect(root.status).toBe(200);
    expect(receivedCalls.at(-1)).toMatchObject({ product: 'Ram', action: 'ListUsers', principal: { type: 'Account', accountId: ACCOUNT, accessKeyId: ROOT_KEY.accessKeyId } });
  });

  it('serves the same routes over HTTPS and marks those calls as secure transport', async () => {
    const query = toQueryString(v1('GET', { Action: 'GetCallerIdentity' }));
    const [port] = t.httpsHost.split(':').slice(1);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: Number(port), path: `/?${query}`, method: 'GET', ca: t.caPem }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).Arn).toBe(`acs:ram::${ACCOUNT}:user/alice`);
    expect(receivedCalls.at(-1)!.context.secureTransport).toBe(true);
  });

  it('turns an unexpected handler failure into InternalError 500 without detail, in the text of its product’s spec (ram-api.md)', async () => {
    const res = await call('GET', { Action: 'DeleteUser', Version: '2015-05-01', UserName: 'x' }, ROOT_KEY);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toMatchObject({ Code: 'InternalError', Message: 'An internal error occurred.' });
    expect(res.text).not.toContain('fire');
  });

  it('serves /openapi.json, /healthz and /readyz', async () => {
    const doc = (await (await fetch(`http://${t.httpHost}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/#Sts.AssumeRole']).toBeDefined();
    expect((await fetch(`http://${t.httpHost}/healthz`)).status).toBe(200);
    expect((await fetch(`http://${t.httpHost}/readyz`)).status).toBe(200);
  });
});
