import { Logger } from '@nestjs/common';
import { ActionBody, ActionCall, ActionInvoker } from '@opensts/platform';
import { Errors } from '@opensts/sts-core/errors';
import type { ApiCallCompletedV1 } from '@opensts/sts-core/events';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { ACCOUNT, ALICE, ROOT_KEY } from '../../test/directory.fixtures';
import { memoryAccess } from '../../test/memory-access';
import type { ApiCallRecorder } from '../audit/api-call.recorder';
import { RamAuthoriser } from '../authorisation/ram.authoriser';
import type { GatewayOptions } from '../config/gateway-options';
import { ActionRouter } from '../routing/action.router';
import { RequestThrottle } from '../throttling/request.throttle';
import { RpcCallHandler, type TransportFacts } from './rpc-call.handler';

class FakeInvoker extends ActionInvoker {
  readonly calls: ActionCall[] = [];
  answer: (call: ActionCall) => Promise<ActionBody> = async () => ({ Credentials: { AccessKeyId: 'STS.x' } });
  invoke(call: ActionCall): Promise<ActionBody> {
    this.calls.push(call);
    return this.answer(call);
  }
}

const OPTIONS: GatewayOptions = {
  maxGetBytes: 4096, maxPostBytes: 1 << 20, maxParameterChars: 4096, maxParameters: 64, throttlePerAccessKey: 0, throttlePerAccount: 0,
  throttleAnonymousPerIp: 0,
  auditApiCalls: 'all', auditBatchSize: 10, auditFlushMs: 10, https: false, requireHttps: false,
};
const transport = (): TransportFacts => ({ requestId: 'REQ-1', sourceIp: '10.0.0.9', secureTransport: true, host: 'sts.example:8080', startedAtMs: performance.now() });
const FORM = ['Content-Type', 'application/x-www-form-urlencoded'];

function setup(options: Partial<GatewayOptions> = {}) {
  const access = memoryAccess();
  const invoker = new FakeInvoker();
  const recorded: ApiCallCompletedV1[] = [];
  const recorder = { record: (c: ApiCallCompletedV1) => recorded.push(c) } as unknown as ApiCallRecorder;
  const all = { ...OPTIONS, ...options };
  const sut = new RpcCallHandler(all, new ActionRouter(), access.authenticator, new RequestThrottle(all), new RamAuthoriser(access.evaluator), invoker, recorder);
  return { sut, invoker, recorded };
}

const signed = (params: Record<string, string>, creds: { accessKeyId: string; accessKeySecret: string } = ALICE, method = 'GET') =>
  signV1({ method, params: { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RoleArn: `acs:ram::${ACCOUNT}:role/r`, RoleSessionName: 's', ...params }, credentials: creds });
const get = (query: string, rawHeaders: string[] = ['Host', 'sts.example:8080']) => ({ method: 'GET', url: `/?${query}`, rawHeaders, body: undefined });
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe(RpcCallHandler.name, () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it('invokes the owning action with business parameters only, the principal and the request context', async () => {
    const { sut, invoker, recorded } = setup();
    const reply = await sut.handle(get(toQueryString(signed({ Policy: '{"Resource":"*"}' }))), transport());
    expect(reply.status).toBe(200);
    expect(json(reply.body)).toEqual({ RequestId: 'REQ-1', Credentials: { AccessKeyId: 'STS.x' } });
    expect(invoker.calls[0]).toMatchObject({
      product: 'Sts', action: 'AssumeRole', version: '2015-04-01',
      params: { RoleArn: `acs:ram::${ACCOUNT}:role/r`, RoleSessionName: 's', Policy: '{"Resource":"*"}' },
      principal: { type: 'RAMUser', userName: 'alice' },
      context: { requestId: 'REQ-1', sourceIp: '10.0.0.9', secureTransport: true },
    });
    expect(recorded[0]).toMatchObject({ requestId: 'REQ-1', product: 'Sts', action: 'AssumeRole', httpStatus: 200, accountId: ACCOUNT, accessKeyId: ALICE.accessKeyId, sourceIp: '10.0.0.9' });
  });

  it('verifies parameters split between query and form body (the credentials provider shape)', async () => {
    const { sut } = setup();
    const all = signed({}, ALICE, 'POST');
    const body = new URLSearchParams({ RoleArn: all.RoleArn, RoleSessionName: all.RoleSessionName }).toString();
    const query = toQueryString(Object.fromEntries(Object.entries(all).filter(([k]) => k !== 'RoleArn' && k !== 'RoleSessionName')));
    const reply = await sut.handle({ method: 'POST', url: `/?${query}`, rawHeaders: FORM, body: Buffer.from(body) }, transport());
    expect(reply.status).toBe(200);
  });

  it.each([
    ['within the query', (q: string) => get(`${q}&RoleSessionName=other`)],
    ['across query and body', (q: string) => ({ method: 'GET', url: `/?${q}`, rawHeaders: FORM, body: Buffer.from('RoleSessionName=other') })],
  ])('refuses a parameter given twice %s with InvalidParameter 400, invoking nothing', async (_where, build) => {
    const { sut, invoker } = setup();
    const reply = await sut.handle(build(toQueryString(signed({}))), transport());
    expect([reply.status, json(reply.body).Code]).toEqual([400, 'InvalidParameter']);
    expect(invoker.calls).toHaveLength(0);
  });

  it('refuses to run an action other than the one the signature covers', async () => {
    const access = memoryAccess();
    const invoker = new FakeInvoker();
    const recorder = { record: () => undefined } as unknown as ApiCallRecorder;
    // a router that (wrongly) reads another action than the signed one must not get it executed
    const router = new ActionRouter();
    const route = router.route.bind(router);
    router.route = (req) => {
      const r = route(req);
      return r.ok ? { ...r, spec: { ...r.spec, action: 'GetCallerIdentity' } } : r;
    };
    const sut = new RpcCallHandler(OPTIONS, router, access.authenticator, new RequestThrottle(OPTIONS), new RamAuthoriser(access.evaluator), invoker, recorder);
    const reply = await sut.handle(get(toQueryString(signed({}))), transport());
    expect(reply.status).toBe(400);
    expect(json(reply.body).Code).toBe('InvalidParameter');
    expect(invoker.calls).toHaveLength(0);
  });

  it('routes before authenticating: an unknown action is InvalidAction.NotFound 404 even with a bad signature', async () => {
    const { sut } = setup();
    const reply = await sut.handle(get(toQueryString(signed({ Action: 'DescribeRegions' }, { ...ALICE, accessKeySecret: 'wrong' }))), transport());
    expect([reply.status, json(reply.body).Code]).toEqual([404, 'InvalidAction.NotFound']);
  });

  it('renders errors as XML for Format=XML, with the Host as HostId', async () => {
    const { sut } = setup();
    const reply = await sut.handle(get(toQueryString(signed({ Format: 'XML' }, { ...ALICE, accessKeySecret: 'wrong' }))), transport());
    expect(reply.status).toBe(400);
    expect(reply.contentType).toBe('text/xml;charset=utf-8');
    expect(reply.body).toContain('<HostId>sts.example:8080</HostId><Code>SignatureDoesNotMatch</Code>');
  });

  it('with STS_REQUIRE_HTTPS refuses a call over plain HTTP with InvalidProtocol.NeedSsl before anything runs, and serves it over HTTPS', async () => {
    const { sut, invoker } = setup({ requireHttps: true });
    const plain = await sut.handle(get(toQueryString(signed({}))), { ...transport(), secureTransport: false });
    expect([plain.status, json(plain.body).Code]).toEqual([400, 'InvalidProtocol.NeedSsl']);
    expect(invoker.calls).toHaveLength(0);
    expect((await sut.handle(get(toQueryString(signed({}))), transport())).status).toBe(200);
  });

  it('refuses a reused nonce with SignatureNonceUsed', async () => {
    const { sut } = setup();
    const query = toQueryString(signed({}));
    expect((await sut.handle(get(query), transport())).status).toBe(200);
    expect(json((await sut.handle(get(query), transport())).body).Code).toBe('SignatureNonceUsed');
  });

  it('throttles after authentication, with the retry headers', async () => {
    const { sut, invoker } = setup({ throttlePerAccessKey: 1 });
    await sut.handle(get(toQueryString(signed({}))), transport());
    const reply = await sut.handle(get(toQueryString(signed({}))), transport());
    expect([reply.status, json(reply.body).Code]).toEqual([400, 'Throttling.User']);
    expect(reply.headers).toMatchObject({ 'retry-after': '1', 'ratelimit-limit': '1' });
    expect(invoker.calls).toHaveLength(1);
  });

  it('refuses a RAM action the caller may not do before the owning service sees it', async () => {
    const { sut, invoker, recorded } = setup();
    const reply = await sut.handle(get(toQueryString(signed({ Action: 'CreateUser', Version: '2015-05-01', UserName: 'u' }))), transport());
    expect([reply.status, json(reply.body).Code]).toEqual([403, 'NoPermission']);
    expect(invoker.calls).toHaveLength(0);
    expect(recorded[0]).toMatchObject({ product: 'Ram', action: 'CreateUser', httpStatus: 403, errorCode: 'NoPermission' });
  });

  it('passes anonymous federation calls on without a principal', async () => {
    const { sut, invoker } = setup();
    const reply = await sut.handle(get('Action=AssumeRoleWithOIDC&Version=2015-04-01&Format=JSON&OIDCToken=t&RoleArn=a&OIDCProviderArn=p&RoleSessionName=s'), transport());
    expect(reply.status).toBe(200);
    expect(invoker.calls[0]).toMatchObject({ action: 'AssumeRoleWithOIDC', principal: undefined, params: { OIDCToken: 't' } });
  });

  it('passes a service StsError through and turns anything else into InternalError 500, logged', async () => {
    const { sut, invoker } = setup();
    invoker.answer = async () => {
      throw Errors.roleNotExist('acs:ram::1:role/r');
    };
    const refused = await sut.handle(get(toQueryString(signed({}, ROOT_KEY))), transport());
    expect([refused.status, json(refused.body).Code]).toEqual([404, 'EntityNotExist.Role']);
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    invoker.answer = async () => {
      throw new TypeError('secret internals at db.ts:42');
    };
    const broken = await sut.handle(get(toQueryString(signed({}, ROOT_KEY))), transport());
    expect([broken.status, json(broken.body).Code]).toEqual([500, 'InternalError']);
    expect(broken.body).not.toContain('internals');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('secret internals'));
    log.mockRestore();
  });

  it('records the claimed AccessKeyId of a refused call, and never a signature or token', async () => {
    const { sut, recorded } = setup();
    await sut.handle(get(toQueryString(signed({ SecurityToken: 'CAIStoken' }, { accessKeyId: 'STS.Nope', accessKeySecret: 'x' }))), transport());
    expect(recorded[0]).toMatchObject({ accessKeyId: 'STS.Nope', httpStatus: 400, errorCode: 'InvalidSecurityToken.Malformed' });
    expect(JSON.stringify(recorded)).not.toMatch(/CAIStoken|Signature/);
  });
});
