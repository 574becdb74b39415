import { readRpcRequest, type IncomingRpcRequest } from './rpc-request.reader';

const limits = { maxGetBytes: 4096, maxPostBytes: 10_000, maxParameterChars: 2048, maxParameters: 50 };
const FORM = 'application/x-www-form-urlencoded';

const incoming = (over: Partial<IncomingRpcRequest> = {}): IncomingRpcRequest => ({
  method: 'POST',
  url: '/?Action=AssumeRole&Version=2015-04-01',
  rawHeaders: ['Host', '127.0.0.1:8080'],
  body: undefined,
  ...over,
});

describe(readRpcRequest.name, () => {
  it('reads query and form body separately, decoding the form the standard way', () => {
    const sut = readRpcRequest(incoming({ rawHeaders: ['Host', 'h', 'Content-Type', `${FORM}; charset=UTF-8`], body: Buffer.from('RoleSessionName=a+b&Policy=%7B%7D') }), limits);
    expect(sut).toMatchObject({
      ok: true,
      request: { method: 'POST', path: '/', query: [['Action', 'AssumeRole'], ['Version', '2015-04-01']], form: [['RoleSessionName', 'a b'], ['Policy', '{}']] },
    });
  });

  it('keeps the exact body bytes for the V3 content hash', () => {
    const body = Buffer.from('A=%2a');
    const sut = readRpcRequest(incoming({ rawHeaders: ['Content-Type', FORM], body }), limits);
    expect(sut.ok && sut.request.body).toBe(body);
  });

  it('keeps every header, lower-cased (a V3 signature may list any), and repeats as arrays (not joined with ", ")', () => {
    const sut = readRpcRequest(
      incoming({ rawHeaders: ['Host', 'h', 'X-ACS-Test', 'b', 'x-acs-test', 'a', 'User-Agent', 'sdk', 'Authorization', 'ACS3-HMAC-SHA256 x', 'Accept', 'json'] }),
      limits,
    );
    expect(sut.ok && sut.request.headers).toEqual({ host: 'h', 'x-acs-test': ['b', 'a'], 'user-agent': 'sdk', authorization: 'ACS3-HMAC-SHA256 x', accept: 'json' });
  });

  it('ignores the Content-Type of an empty body', () => {
    expect(readRpcRequest(incoming({ rawHeaders: ['Content-Type', 'application/json'], body: Buffer.alloc(0) }), limits).ok).toBe(true);
  });

  it.each([
    ['no Content-Type', [], 'A request body needs Content-Type'],
    ['JSON', ['Content-Type', 'application/json'], 'must be application/x-www-form-urlencoded'],
    ['multipart', ['Content-Type', 'multipart/form-data; boundary=x'], 'must be application/x-www-form-urlencoded'],
    ['a non-UTF-8 charset', ['Content-Type', `${FORM}; charset=iso-8859-1`], 'UTF-8'],
    ['two Content-Types', ['Content-Type', FORM, 'Content-Type', FORM], 'more than once'],
  ])('refuses a body with %s as InvalidParameter 400', (_what, rawHeaders, message) => {
    const sut = readRpcRequest(incoming({ rawHeaders: rawHeaders as string[], body: Buffer.from('A=1') }), limits);
    expect(sut).toMatchObject({ ok: false, error: { code: 'InvalidParameter', httpStatus: 400 } });
    expect(!sut.ok && sut.error.message).toContain(message);
  });

  it('refuses malformed percent-encoding in the query and in the body, and raw bytes that are not UTF-8', () => {
    expect(readRpcRequest(incoming({ url: '/?A=%G1' }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter', httpStatus: 400 } });
    expect(readRpcRequest(incoming({ rawHeaders: ['Content-Type', FORM], body: Buffer.from('A=%E9') }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(readRpcRequest(incoming({ rawHeaders: ['Content-Type', FORM], body: Buffer.from([0x41, 0x3d, 0xff]) }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(readRpcRequest(incoming({ url: '/?A=\u00e9' }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
  });

  it('caps GET at maxGetBytes and POST at maxPostBytes (URL and body together)', () => {
    const longUrl = `/?Policy=${'x'.repeat(4100)}`;
    expect(readRpcRequest(incoming({ method: 'GET', url: longUrl }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter.RequestSize', httpStatus: 413 } });
    expect(readRpcRequest(incoming({ method: 'POST', url: `/?P=${'x'.repeat(2000)}` }), limits).ok).toBe(true);
    const big = Buffer.from(`A=${'x'.repeat(9_990)}`);
    expect(readRpcRequest(incoming({ rawHeaders: ['Content-Type', FORM], body: big }), limits)).toMatchObject({ ok: false, error: { httpStatus: 413 } });
  });

  it('refuses an overlong value by name, and too many parameters across query and body', () => {
    expect(readRpcRequest(incoming({ url: `/?Policy=${'x'.repeat(2049)}` }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter.Policy.Length', httpStatus: 400 } });
    expect(readRpcRequest(incoming({ url: `/?${'%01'}=${'x'.repeat(2049)}` }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    const query = Array.from({ length: 30 }, (_, i) => `Q${i}=1`).join('&');
    const body = Buffer.from(Array.from({ length: 21 }, (_, i) => `B${i}=1`).join('&'));
    expect(readRpcRequest(incoming({ url: `/?${query}`, rawHeaders: ['Content-Type', FORM], body }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
  });

  it('refuses a GET that announced a body it cannot read', () => {
    expect(readRpcRequest(incoming({ method: 'GET', unreadBody: true }), limits)).toMatchObject({ ok: false, error: { code: 'InvalidParameter', httpStatus: 400 } });
  });
});
