import { isDeepStrictEqual } from 'node:util';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { captureMetrics, type MetricCapture } from '../../../../test/support/metric-capture';
import { startGatewayTestApp, type GatewayTestApp } from '../../test/gateway-test.app';
import { ALICE } from '../../test/directory.fixtures';

const signed = (params: Record<string, string>, creds: { accessKeyId: string; accessKeySecret: string }) =>
  toQueryString(signV1({ method: 'GET', params: { Version: '2015-04-01', Format: 'JSON', ...params }, credentials: creds }));

/** What an operator's dashboard sees of the RPC API: calls by action and outcome, and their duration. */
describe('gateway RPC metrics', () => {
  let capture: MetricCapture;
  let t: GatewayTestApp;

  beforeAll(async () => {
    capture = captureMetrics();
    t = await startGatewayTestApp({ overrides: { https: false, maxParameterChars: 64 } });
  });
  afterAll(async () => {
    await t?.close();
    await capture.stop();
  });

  const call = async (query: string) => (await fetch(`http://${t.httpHost}/?${query}`)).status;

  it('counts a successful and a refused call by product, action, status and error code, and times both', async () => {
    expect(await call(signed({ Action: 'GetCallerIdentity' }, ALICE))).toBe(200);
    expect(await call(signed({ Action: 'GetCallerIdentity' }, { ...ALICE, accessKeySecret: 'wrong' }))).toBe(400);

    const ok = { 'acs.product': 'Sts', 'acs.action': 'GetCallerIdentity', 'http.response.status_code': 200 };
    const refused = { 'acs.product': 'Sts', 'acs.action': 'GetCallerIdentity', 'http.response.status_code': 400 };
    expect(await capture.points('opensts.gateway.calls')).toEqual(
      expect.arrayContaining([
        { attributes: ok, value: 1 },
        { attributes: { ...refused, 'acs.error_code': 'SignatureDoesNotMatch' }, value: 1 },
      ]),
    );
    const durations = await capture.points('opensts.gateway.call.duration');
    for (const attributes of [ok, refused]) {
      const point = durations.find((p) => isDeepStrictEqual(p.attributes, attributes));
      expect(point?.value).toMatchObject({ count: 1 });
      expect((point!.value as { sum: number }).sum).toBeGreaterThan(0);
      expect((point!.value as { sum: number }).sum).toBeLessThan(5); // seconds, not milliseconds
    }
  });

  it('records what the client sent only through the routed action: otherwise Unknown, and no parameter name it chose', async () => {
    expect(await call(signed({ Action: 'DescribeAnything' }, ALICE))).toBe(404);
    expect(await call(`Action=GetCallerIdentity&Version=2015-04-01&Chosen.By.Client=${'x'.repeat(65)}`)).toBe(400);

    const unknown = { 'acs.product': 'Unknown', 'acs.action': 'Unknown' };
    expect(await capture.points('opensts.gateway.calls')).toEqual(
      expect.arrayContaining([
        { attributes: { ...unknown, 'http.response.status_code': 404, 'acs.error_code': 'InvalidAction.NotFound' }, value: 1 },
        { attributes: { ...unknown, 'http.response.status_code': 400, 'acs.error_code': 'InvalidParameter.*.Length' }, value: 1 },
      ]),
    );
    expect(JSON.stringify(await capture.points('opensts.gateway.calls'))).not.toMatch(/DescribeAnything|Chosen/);
  });
});
