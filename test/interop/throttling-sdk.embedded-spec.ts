import { $OpenApiUtil, ThrottlingError } from '@alicloud/openapi-core';
import Sts from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import { startEmbeddedProcess } from './support/embedded-process';
import type { Signature } from './support/sdk-clients';

jest.setTimeout(60_000);

const QUOTA = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a user of the generated Tea client notices when `npm start` runs with
 * STS_THROTTLE_PER_ACCOUNT=2: openapi-core turns a `Throttling*` answer into its ThrottlingError,
 * with `retryAfter` read from `x-acs-retry-after`; its retry options wait that long and go on.
 */
describe('the Tea client against a throttled embedded process', () => {
  let target: Awaited<ReturnType<typeof startEmbeddedProcess>> | undefined;

  beforeAll(async () => {
    target = await startEmbeddedProcess({ STS_THROTTLE_PER_ACCOUNT: String(QUOTA) });
  }, 180_000);
  afterAll(async () => target?.stop());
  beforeEach(() => sleep(1_100)); // a full bucket (one second's worth) for each test

  const burst = (signature: Signature, calls: number, retryOptions?: $dara.RetryOptions) => {
    const { accessKeyId, accessKeySecret } = target!.root;
    const client = new Sts(
      new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: target!.httpHost, protocol: 'http', retryOptions, ...(signature === 'v1' && { signatureAlgorithm: 'v2' }) }),
    );
    return Promise.allSettled(Array.from({ length: calls }, () => client.getCallerIdentity()));
  };

  it.each(['v3', 'v1'] as const)('sts20150401 (%s) raises ThrottlingError with code, status and retryAfter beyond the quota; successes carry RateLimit-*', async (signature) => {
    const results = await burst(signature, 3 * QUOTA);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const admitted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(admitted.length).toBeGreaterThanOrEqual(QUOTA);
    expect(refused.length).toBeGreaterThan(0);
    for (const err of refused) {
      expect(err).toBeInstanceOf(ThrottlingError);
      const e = err as ThrottlingError;
      expect([e.code, e.statusCode]).toEqual(['Throttling.User', 400]);
      expect(e.message).toContain('Request was denied due to user flow control.');
      expect(e.retryAfter).toBeGreaterThan(0);
      expect(e.retryAfter).toBeLessThanOrEqual(1_000 / QUOTA);
      expect(e.requestId).toMatch(/^[0-9A-F-]{36}$/);
    }
    for (const res of admitted) {
      expect(res.statusCode).toBe(200);
      expect(res.headers).toMatchObject({ 'ratelimit-limit': String(QUOTA), 'ratelimit-reset': '1' });
      expect(Number(res.headers!['ratelimit-remaining'])).toBeLessThan(QUOTA);
    }
  });

  it('with retries on ThrottlingError, a burst beyond the quota completes: the client waits what x-acs-retry-after says', async () => {
    const retryOptions = new $dara.RetryOptions({ retryable: true, retryCondition: [{ exception: ['ThrottlingError'], maxAttempts: 10 }] });
    const started = Date.now();
    const results = await burst('v3', 3 * QUOTA, retryOptions);
    expect(results.map((r) => r.status)).toEqual(Array(3 * QUOTA).fill('fulfilled'));
    // 6 calls at 2/s from a full bucket of 2: the last can only be admitted ~2 s later
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });
});
