import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { startGatewayTestApp, type GatewayTestApp } from '../../test/gateway-test.app';
import { ACCOUNT, ALICE, ROLE, ROOT_KEY } from '../../test/directory.fixtures';

type Key = { accessKeyId: string; accessKeySecret: string };
const RATE_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];

/**
 * STS_THROTTLE_PER_ACCOUNT on the wire: one bucket for every key of an account (alice's and the
 * root key belong to the same one), and the RateLimit-* fields on every answer to an admitted call.
 */
describe('per-account throttling on the wire (STS_THROTTLE_PER_ACCOUNT=3)', () => {
  let t: GatewayTestApp;
  let clock: { advance(ms: number): void };
  beforeAll(async () => {
    t = await startGatewayTestApp({ overrides: { https: false }, env: { STS_THROTTLE_PER_ACCOUNT: '3' } });
    clock = t.holdThrottleClock();
  });
  afterAll(async () => t?.close());
  // the burst is one second's worth: a full bucket again for each test
  beforeEach(() => clock.advance(1_000));

  const call = async (key: Key, params: Record<string, string> = { Action: 'GetCallerIdentity' }) => {
    const query = toQueryString(signV1({ method: 'GET', params: { Version: '2015-04-01', Format: 'JSON', ...params }, credentials: key }));
    const res = await fetch(`http://${t.httpHost}/?${query}`);
    return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
  };

  it('refuses two keys of one account that exceed the quota together, each staying within it alone', async () => {
    const answers = [];
    // 3 calls per key: neither key alone goes beyond 3/s, the account does (6 > 3)
    for (const key of [ALICE, ROOT_KEY, ALICE, ROOT_KEY, ALICE, ROOT_KEY]) answers.push(await call(key));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 400, 400, 400]);
    for (const r of answers.slice(3)) {
      expect(r.json).toMatchObject({ Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: r.headers.get('x-acs-request-id') });
      // time stands still: the next token is a whole 1/3 s away
      expect(['x-acs-retry-after', 'retry-after', ...RATE_HEADERS].map((name) => r.headers.get(name))).toEqual(['334', '1', '3', '0', '1']);
    }
  });

  it('sends RateLimit-Limit/Remaining/Reset on every answer to an admitted call, success or not', async () => {
    const ok = [await call(ALICE), await call(ROOT_KEY)];
    expect(ok.map((a) => a.status)).toEqual([200, 200]);
    expect(ok.map((a) => a.headers.get('ratelimit-limit'))).toEqual(['3', '3']);
    expect(ok[0].headers.get('ratelimit-remaining')).toBe('2');
    expect(ok[1].headers.get('ratelimit-remaining')).toBe('1'); // the account's bucket, not root's own
    expect(ok.map((a) => a.headers.get('ratelimit-reset'))).toEqual(['1', '1']);
    // admitted, then refused by the service (the root may not assume a role): it spent quota too
    const denied = await call(ROOT_KEY, { Action: 'AssumeRole', RoleArn: `acs:ram::${ACCOUNT}:role/${ROLE.roleName}`, RoleSessionName: 'root-session' });
    expect([denied.status, denied.json.Code]).toEqual([403, 'NoPermission']);
    expect(denied.headers.get('ratelimit-limit')).toBe('3');
    expect(denied.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('sends none on a call refused before authentication completes (it spends no quota)', async () => {
    const forged = await call({ ...ALICE, accessKeySecret: 'wrong' });
    expect([forged.status, forged.json.Code]).toEqual([400, 'SignatureDoesNotMatch']);
    for (const name of RATE_HEADERS) expect(forged.headers.get(name)).toBeNull();
    expect((await call(ALICE)).headers.get('ratelimit-remaining')).toBe('2');
  });
});
