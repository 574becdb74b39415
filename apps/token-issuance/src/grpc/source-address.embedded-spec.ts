import { seedDirectory, SeededDirectory } from '../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../test/embedded-token-service.harness';
import { signedRequest } from '../../test/signed-requests';

jest.setTimeout(30_000);

const trustFrom = (accountId: string, cidr: string) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] }, Condition: { IpAddress: { 'acs:SourceIp': cidr } } }] });

/**
 * acs:SourceIp of a signed TokenService call is the address the socket came from (ADR 0006 rule 9),
 * over a real loopback connection: what the request claims in its unsigned `source_ip` is ignored.
 */
describe('acs:SourceIp of a signed TokenService call', () => {
  let sut: EmbeddedTokenService;
  let loopbackOnly: SeededDirectory;
  let privateOnly: SeededDirectory;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService();
    loopbackOnly = seedDirectory(sut.box, { accountId: '1111222233334444', trust: trustFrom('1111222233334444', '127.0.0.1/32') });
    privateOnly = seedDirectory(sut.box, { accountId: '5555666677778888', trust: trustFrom('5555666677778888', '10.0.0.0/8') });
    await sut.seed([...loopbackOnly.messages, ...privateOnly.messages], (d) => [loopbackOnly, privateOnly].every((x) => d.role(x.accountId, x.role.roleName) !== undefined));
  });
  afterAll(async () => sut?.close());

  const assume = (dir: SeededDirectory) =>
    sut.client.assumeRole({
      caller: { $case: 'signedRequest', value: { ...signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'from-where' }, dir.user), sourceIp: '10.1.2.3' } },
      params: undefined,
      context: undefined,
    });

  it('is the loopback address the call came from: a trust policy for 127.0.0.1 admits it', async () => {
    expect((await assume(loopbackOnly)).credentials?.accessKeyId).toMatch(/^STS\./);
  });

  it('is not the 10.1.2.3 the request claims: a trust policy for 10.0.0.0/8 refuses it', async () => {
    await expect(assume(privateOnly)).rejects.toMatchObject({ metadata: expect.anything() });
    const err = await assume(privateOnly).catch((e: { metadata: { get(k: string): unknown[] } }) => e.metadata.get('x-acs-error-code')[0]);
    expect(err).toBe('NoPermission');
  });
});
