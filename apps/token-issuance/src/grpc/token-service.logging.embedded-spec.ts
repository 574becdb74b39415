import { Writable } from 'node:stream';
import { Metadata } from '@grpc/grpc-js';
import { createLogger } from '@opensts/platform';
import { seedDirectory, SeededDirectory } from '../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService, until } from '../../test/embedded-token-service.harness';
import { signedRequest } from '../../test/signed-requests';

jest.setTimeout(30_000);

/** Every TokenService answer's RequestId is on a log line of the call, as on the gateway's. */
describe('TokenService call log', () => {
  const lines: Record<string, unknown>[] = [];
  let sut: EmbeddedTokenService;
  let dir: SeededDirectory;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    sut = await startEmbeddedTokenService({ logger: createLogger('token-issuance', 'info', sink) });
    dir = seedDirectory(sut.box);
    await sut.seed(dir.messages, (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1);
  });
  afterAll(async () => sut?.close());

  const linesOf = async (requestId: string) => {
    await until(() => lines.some((l) => l.requestId === requestId));
    return lines.filter((l) => l.requestId === requestId).map((l) => l.msg);
  };

  it('logs an answered call with the RequestId the caller got', async () => {
    const issued = await sut.client.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'logged' }, dir.user) }, params: undefined, context: undefined });
    expect(await linesOf(issued.requestId)).toContainEqual(expect.stringMatching(/^AssumeRole OK [\d.]+ms$/));
  });

  it("logs a refused call with its error code, under the caller's RequestId when it gave one", async () => {
    const context = { requestId: 'REQ-LOGGED-REFUSAL', sourceIp: '', secureTransport: false };
    const refused = await sut.client
      .assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: `${dir.role.arn}-gone`, RoleSessionName: 'logged' }, dir.user) }, params: undefined, context })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(await linesOf('REQ-LOGGED-REFUSAL')).toContainEqual(expect.stringMatching(/^AssumeRole EntityNotExist.Role [\d.]+ms$/));
  });

  it('logs a VerifyRequest that answers a refusal with the refusal’s code, not OK', async () => {
    const context = { requestId: 'REQ-VERIFY-REFUSED', sourceIp: '', secureTransport: false };
    const forged = signedRequest('GetCallerIdentity', {}, { ...dir.user, accessKeySecret: 'not-the-secret' });
    const answer = await sut.client.verifyRequest({ request: forged, context });
    expect(answer.result).toMatchObject({ $case: 'error', value: { code: 'SignatureDoesNotMatch' } });
    expect(await linesOf('REQ-VERIFY-REFUSED')).toContainEqual(expect.stringMatching(/^VerifyRequest SignatureDoesNotMatch [\d.]+ms$/));
  });

  it('names the RequestId in the trailing metadata of every answer, the one its log line carries, also where the message has no field for it', async () => {
    const requestIdOf = () =>
      new Promise<string>((resolve, reject) => {
        // VerifyRequestResponse has no request_id field
        const request = { request: signedRequest('GetCallerIdentity', {}, dir.user), context: undefined };
        const call = sut.client.raw.verifyRequest(request, new Metadata(), { deadline: Date.now() + 10_000 }, (err) => err && reject(err));
        call.on('status', (status) => resolve(String(status.metadata.get('x-acs-request-id')[0] ?? '')));
      });
    const requestId = await requestIdOf();
    expect(requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(await linesOf(requestId)).toContainEqual(expect.stringMatching(/^VerifyRequest OK [\d.]+ms$/));
  });

  it('gives a call a RequestId of its own when the one the caller sent is not one (too long for the audit trail, or not an id)', async () => {
    for (const requestId of ['R'.repeat(65), 'a b', 'x\0y']) {
      const issued = await sut.client.assumeRole({
        caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'relabelled' }, dir.user) },
        params: undefined,
        context: { requestId, sourceIp: '', secureTransport: false },
      });
      expect(issued.requestId).not.toBe(requestId);
      expect(issued.requestId).toMatch(/^[0-9A-F-]{36}$/);
    }
  });
});
