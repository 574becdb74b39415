import { request as httpRequest } from 'node:http';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { startGatewayTestApp, type GatewayTestApp } from '../../test/gateway-test.app';
import { ALICE, ROOT_KEY } from '../../test/directory.fixtures';

/** Raw HTTP, to send what fetch will not (a GET with a body, odd methods, exact bytes). */
function raw(host: string, method: string, path: string, headers: Record<string, string | number> = {}, body?: string) {
  const [hostname, port] = host.split(':');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({ hostname, port: Number(port), method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the RPC endpoint on the wire (limits, framing, throttling)', () => {
  let t: GatewayTestApp;
  beforeAll(async () => {
    t = await startGatewayTestApp({ overrides: { maxPostBytes: 2048, maxGetBytes: 1024, https: false }, env: { STS_THROTTLE_PER_ACCESS_KEY: '2' } });
  });
  afterAll(async () => t?.close());

  const signed = (params: Record<string, string> = {}, creds: { accessKeyId: string; accessKeySecret: string } = ROOT_KEY, method = 'GET') =>
    toQueryString(signV1({ method, params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON', ...params }, credentials: creds }));

  it('answers a POST body over the limit with InvalidParameter.RequestSize 413 in the envelope, before reading it all', async () => {
    const res = await raw(t.httpHost, 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, `Policy=${'x'.repeat(3000)}`);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ Code: 'InvalidParameter.RequestSize', RequestId: res.headers['x-acs-request-id'] });
  });

  it('answers a GET over its 1 KB limit with 413, and a GET with a body with 400', async () => {
    expect((await raw(t.httpHost, 'GET', `/?${signed({ Pad: 'x'.repeat(1100) })}`)).status).toBe(413);
    const withBody = await raw(t.httpHost, 'GET', `/?${signed()}`, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 3 }, 'A=1');
    expect([withBody.status, withBody.json.Code]).toEqual([400, 'InvalidParameter']);
  });

  it('refuses malformed percent-encoding and a JSON body with InvalidParameter 400', async () => {
    const bad = await raw(t.httpHost, 'GET', '/?Action=GetCallerIdentity&Version=2015-04-01&X=%E0%A4');
    expect([bad.status, bad.json.Code]).toEqual([400, 'InvalidParameter']);
    const json = await raw(t.httpHost, 'POST', `/?${signed({}, ROOT_KEY, 'POST')}`, { 'content-type': 'application/json' }, '{"RoleArn":"x"}');
    expect([json.status, json.json.Code]).toEqual([400, 'InvalidParameter']);
  });

  it('refuses a correctly signed request whose SignatureNonce has a NUL, in the query or the body, with InvalidParameter 400', async () => {
    const query = toQueryString(signV1({ method: 'GET', params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' }, credentials: ROOT_KEY, nonce: 'n\0x' }));
    expect(query).toContain('SignatureNonce=n%00x');
    const get = await raw(t.httpHost, 'GET', `/?${query}`);
    expect([get.status, get.json.Code, get.json.Message]).toEqual([400, 'InvalidParameter', 'The query string has a parameter with a NUL character.']);
    const body = toQueryString(signV1({ method: 'POST', params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' }, credentials: ROOT_KEY, nonce: '\0' }));
    const post = await raw(t.httpHost, 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, body);
    expect([post.status, post.json.Code]).toEqual([400, 'InvalidParameter']);
  });

  it('answers other paths and methods with InvalidAction.NotFound 404 in the envelope', async () => {
    for (const [method, path] of [['GET', '/sts'], ['POST', '/a/b?Action=AssumeRole'], ['PUT', '/'], ['DELETE', '/']]) {
      const res = await raw(t.httpHost, method, path);
      expect([res.status, res.json.Code]).toEqual([404, 'InvalidAction.NotFound']);
      expect(res.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    }
  });

  it('reads a query beyond the 16 KB header limit of Node and applies its own size rule, with the envelope', async () => {
    const reply = await raw(t.httpHost, 'POST', `/?${signed({ Policy: 'x'.repeat(20_000) }, ALICE, 'POST')}`, { 'content-length': 0 });
    expect([reply.status, reply.json.Code]).toEqual([413, 'InvalidParameter.RequestSize']);
    expect(reply.headers['x-acs-request-id']).toBe(reply.json.RequestId);
  });

  it('answers headers beyond even the raised limit with InvalidParameter.RequestSize in the envelope, not a bare 431', async () => {
    const reply = await raw(t.httpHost, 'GET', '/', { 'x-filler': 'y'.repeat(200_000) });
    expect([reply.status, reply.json.Code]).toEqual([413, 'InvalidParameter.RequestSize']);
    expect(reply.headers['x-acs-request-id']).toBe(reply.json.RequestId);
  });

  it('throttles a key beyond STS_THROTTLE_PER_ACCESS_KEY with Throttling.User and the retry headers, until its bucket refills', async () => {
    const clock = t.holdThrottleClock();
    clock.advance(1_000); // a full bucket, whatever the tests before spent
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await raw(t.httpHost, 'GET', `/?${signed({}, ALICE)}`));
    expect(results.map((r) => r.status)).toEqual([200, 200, 400]);
    const refused = results[2];
    expect(refused.json.Code).toBe('Throttling.User');
    expect(refused.headers).toMatchObject({ 'x-acs-retry-after': '500', 'retry-after': '1', 'ratelimit-limit': '2', 'ratelimit-remaining': '0' });
    clock.advance(500);
    expect((await raw(t.httpHost, 'GET', `/?${signed({}, ALICE)}`)).status).toBe(200);
  });
});
