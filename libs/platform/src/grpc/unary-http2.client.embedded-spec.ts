import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { internal } from '@opensts/grpc-api';
import { StsError } from '@opensts/sts-core/errors';
import type { AppConfig } from '../config';
import { GrpcActionInvoker } from '../actions/action-invoker';
import { createCertificateAuthority, issueCertificate, type PemPair } from '../tls/certificate-authority';
import { toServiceError } from './grpc-errors';
import { peerCommonName } from './peer-identity';
import { UnaryCallError, UnaryHttp2Client, type UnaryHttp2Tls } from './unary-http2.client';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Behaviour = (call: ServerUnaryCall<internal.InvokeRequest, internal.InvokeResponse>, cb: sendUnaryData<internal.InvokeResponse>) => void;
const PATH = internal.ActionServiceService.invoke.path;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls `check` until it holds; throws after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const until = Date.now() + timeoutMs; !(await check()); await sleep(20)) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
  }
}
const encode = (r: Partial<internal.InvokeRequest>) => internal.InvokeRequest.encode(internal.InvokeRequest.fromPartial(r)).finish();
const echo: Behaviour = (call, cb) =>
  cb(null, { result: { $case: 'jsonBody', value: JSON.stringify({ action: call.request.action, peer: peerCommonName(call) ?? null, traceparent: call.metadata.get('traceparent')[0] ?? null }) } });

/** A grpc-js ActionService (what every OpenSTS service runs) on a free port, with mutual TLS. */
async function startServer(pki: Pki, behaviour: () => Behaviour, port = 0): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = new Server();
  server.addService(internal.ActionServiceService, { invoke: (call: ServerUnaryCall<internal.InvokeRequest, internal.InvokeResponse>, cb: sendUnaryData<internal.InvokeResponse>) => behaviour()(call, cb) });
  const credentials = ServerCredentials.createSsl(Buffer.from(pki.ca.certPem), [{ cert_chain: Buffer.from(pki.server.certPem), private_key: Buffer.from(pki.server.keyPem) }], true);
  const bound = await new Promise<number>((resolve, reject) => server.bindAsync(`127.0.0.1:${port}`, credentials, (err, p) => (err ? reject(err) : resolve(p))));
  return { port: bound, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

interface Pki {
  ca: PemPair;
  server: PemPair;
  client: PemPair;
}

describe(UnaryHttp2Client.name, () => {
  let pki: Pki;
  let behaviour: Behaviour;
  let server: { port: number; stop: () => Promise<void> };
  const tls = (over: Partial<UnaryHttp2Tls> = {}): UnaryHttp2Tls => ({
    ca: Buffer.from(pki.ca.certPem),
    key: Buffer.from(pki.client.keyPem),
    cert: Buffer.from(pki.client.certPem),
    servername: 'token-issuance',
    ...over,
  });
  const clients: UnaryHttp2Client[] = [];
  const client = (over?: Partial<UnaryHttp2Tls>, target = `127.0.0.1:${server.port}`) => {
    const c = new UnaryHttp2Client(target, tls(over));
    clients.push(c);
    return c;
  };
  const decoded = async (answer: Promise<Buffer>) => JSON.parse((internal.InvokeResponse.decode(await answer).result as { value: string }).value) as Record<string, unknown>;

  beforeAll(async () => {
    const ca = await createCertificateAuthority('unary test CA');
    pki = {
      ca,
      server: await issueCertificate(ca, { commonName: 'token-issuance', dnsNames: ['token-issuance'], serverAuth: true }),
      client: await issueCertificate(ca, { commonName: 'gateway', clientAuth: true }),
    };
  });
  beforeEach(async () => {
    behaviour = echo;
    server = await startServer(pki, () => behaviour);
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await server.stop();
  });

  it('calls a grpc-js server over mutual TLS: the message, the metadata and the client certificate arrive', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const sut = client();
    const answers = await Promise.all([1, 2, 3].map((i) => decoded(sut.call(PATH, encode({ action: `Action${i}` }), { traceparent }, 5_000))));
    expect(answers).toEqual([1, 2, 3].map((i) => ({ action: `Action${i}`, peer: 'gateway', traceparent })));
  });

  it("reports a server's status, message and trailing metadata", async () => {
    behaviour = (_call, cb) => cb(toServiceError(new StsError('EntityNotExist.Role', 404, 'The role “deployer” does not exist: 100 %'), 'req-1'));
    const failure = await client().call(PATH, encode({}), {}, 5_000).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnaryCallError);
    expect(failure).toMatchObject({
      code: status.NOT_FOUND,
      details: 'The role “deployer” does not exist: 100 %',
      trailers: expect.objectContaining({ 'x-acs-error-code': 'EntityNotExist.Role', 'x-acs-http-status': '404', 'x-acs-request-id': 'req-1' }),
    });
  });

  it('gives up at the deadline when the server does not answer', async () => {
    behaviour = () => undefined; // never answers
    const started = Date.now();
    await expect(client().call(PATH, encode({}), {}, 200)).rejects.toMatchObject({ code: status.DEADLINE_EXCEEDED });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports UNAVAILABLE when nothing listens, and reconnects once the server is back', async () => {
    const port = server.port;
    const sut = client();
    await decoded(sut.call(PATH, encode({ action: 'Before' }), {}, 5_000));
    await server.stop();
    await expect(sut.call(PATH, encode({}), {}, 2_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
    server = await startServer(pki, () => behaviour, port);
    // calls fail at once until the backoff is over, then one dials the new server
    await waitUntil(() => sut.call(PATH, encode({}), {}, 1_000).then(() => true, () => false), 5_000);
    await expect(decoded(sut.call(PATH, encode({ action: 'After' }), {}, 5_000))).resolves.toMatchObject({ action: 'After' });
  }, 15_000);

  it('fails calls at once while backing off after a failed connection, instead of dialling for each', async () => {
    const dials: number[] = [];
    const refusing = createServer((socket) => (dials.push(1), socket.destroy())); // accepts, then hangs up: no TLS
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', () => r()));
    const sut = client(undefined, `127.0.0.1:${(refusing.address() as AddressInfo).port}`);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now); // the client's clock, which times its backoff, stands still
    try {
      await expect(sut.call(PATH, encode({}), {}, 2_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
      const afterFirst = dials.length;
      expect(afterFirst).toBeGreaterThan(0);
      const started = performance.now();
      for (let i = 0; i < 5; i++) await expect(sut.call(PATH, encode({}), {}, 2_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
      expect(performance.now() - started).toBeLessThan(2_000); // all five together in less than one call’s deadline
      expect(dials.length).toBe(afterFirst);
      clock.mockReturnValue(now + 200); // the first backoff is over
      await expect(sut.call(PATH, encode({}), {}, 2_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
      expect(dials.length).toBeGreaterThan(afterFirst);
    } finally {
      clock.mockRestore();
      refusing.close();
    }
  });

  it('gives up on a connection that never completes its handshake', async () => {
    const silent = createServer(() => undefined); // accepts and never answers the TLS hello
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const sut = new UnaryHttp2Client(`127.0.0.1:${(silent.address() as AddressInfo).port}`, tls(), 300);
    clients.push(sut);
    const started = Date.now();
    await expect(sut.call(PATH, encode({}), {}, 10_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
    expect(Date.now() - started).toBeLessThan(3_000); // the connect timeout, not the call's 10 s deadline
    silent.close();
  });

  it('sends only well-formed metadata, and never lets it replace the protocol headers', async () => {
    behaviour = (call, cb) =>
      cb(null, { result: { $case: 'jsonBody', value: JSON.stringify({ action: call.request.action, trace: call.metadata.get('traceparent')[0] ?? null, bad: call.metadata.get('x-bad')[0] ?? null }) } });
    const answer = await decoded(client().call(PATH, encode({ action: 'Kept' }), { traceparent: 't', ':path': '/other.Service/Method', 'content-type': 'text/plain', 'x-bad': 'line\nbreak', 'Bad Name': 'v' }, 5_000));
    expect(answer).toEqual({ action: 'Kept', trace: 't', bad: null });
  });

  it('refuses a server whose certificate is not for the expected service', async () => {
    let reached = false;
    behaviour = (call, cb) => ((reached = true), echo(call, cb));
    await expect(client({ servername: 'policy' }).call(PATH, encode({}), {}, 5_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
    expect(reached).toBe(false);
  });

  it('is refused by a mutual-TLS server when it has no client certificate', async () => {
    await expect(client({ key: undefined, cert: undefined }).call(PATH, encode({}), {}, 5_000)).rejects.toMatchObject({ code: status.UNAVAILABLE });
  });

  it('accepts only host:port targets', () => {
    expect(() => new UnaryHttp2Client('unix:/tmp/s', tls())).toThrow('unsupported gRPC target');
    expect(() => new UnaryHttp2Client('dns:///token-issuance:50051', tls())).not.toThrow();
  });

  describe(GrpcActionInvoker.name, () => {
    let config: AppConfig;
    beforeAll(() => {
      const dir = mkdtempSync(join(tmpdir(), 'opensts-unary-'));
      const file = (name: string, pem: string) => (writeFileSync(join(dir, name), pem), join(dir, name));
      config = {
        STS_MODE: 'distributed',
        STS_GRPC_TLS: 'mtls',
        STS_TLS_CA_FILE: file('ca.pem', pki.ca.certPem),
        STS_TLS_CERT_FILE: file('cert.pem', pki.client.certPem),
        STS_TLS_KEY_FILE: file('key.pem', pki.client.keyPem),
        STS_IDENTITY_GRPC_URL: '127.0.0.1:50061',
        STS_POLICY_GRPC_URL: '127.0.0.1:50062',
        STS_ISSUANCE_GRPC_URL: '127.0.0.1:50051',
      } as AppConfig;
    });
    const invoke = (sut: GrpcActionInvoker) => sut.invoke({ product: 'Sts', action: 'AssumeRole', version: '2015-04-01', params: { RoleArn: 'r' }, context: { requestId: 'req-1', sourceIp: '127.0.0.1', secureTransport: false } });

    it('answers with the owning service’s body, and with its Alibaba error exactly', async () => {
      const sut = new GrpcActionInvoker({ ...config, STS_ISSUANCE_GRPC_URL: `127.0.0.1:${server.port}` });
      expect(() => new GrpcActionInvoker({ ...config, STS_POLICY_GRPC_URL: 'unix:/run/policy.sock' })).toThrow('unsupported gRPC target');
      await expect(invoke(sut)).resolves.toEqual({ action: 'AssumeRole', peer: 'gateway', traceparent: null });
      behaviour = (_call, cb) => cb(toServiceError(new StsError('Throttling.User', 429, 'Request was denied due to user flow control.')));
      await expect(invoke(sut)).rejects.toMatchObject({ code: 'Throttling.User', httpStatus: 429, message: 'Request was denied due to user flow control.' });
      behaviour = (_call, cb) => cb({ code: status.INTERNAL, details: 'TypeError: secret detail at handler.ts:12' });
      await expect(invoke(sut)).rejects.toMatchObject({ code: 'InternalError', httpStatus: 500 });
      sut.close();
    });

    it('answers ServiceUnavailable when the owning service is down or too slow', async () => {
      const down = new GrpcActionInvoker({ ...config, STS_ISSUANCE_GRPC_URL: '127.0.0.1:1' });
      await expect(invoke(down)).rejects.toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503 });
      behaviour = () => undefined;
      const slow = new GrpcActionInvoker({ ...config, STS_ISSUANCE_GRPC_URL: `127.0.0.1:${server.port}` }, 200);
      await expect(invoke(slow)).rejects.toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503 });
      down.close();
      slow.close();
    });
  });
});
