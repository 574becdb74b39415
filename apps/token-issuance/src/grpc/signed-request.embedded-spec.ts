import { opensts } from '@opensts/grpc-api';
import { seedDirectory, SeededDirectory } from '../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../test/embedded-token-service.harness';
import { signedFormRequestV3 } from '../../test/signed-requests';

jest.setTimeout(30_000);

/** V3 signs a form body only through its hash: the body bytes travel in SignedRequest.body (ADR 0006 rule 2). */
describe('SignedRequest with a V3 form body over gRPC (embedded, loopback)', () => {
  let sut: EmbeddedTokenService;
  let dir: SeededDirectory;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService();
    dir = seedDirectory(sut.box);
    await sut.seed(dir.messages, (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const aliceKey = () => ({ accessKeyId: dir.user.accessKeyId, accessKeySecret: dir.user.accessKeySecret });
  const verify = (request: opensts.SignedRequest) => sut.client.verifyRequest({ request, context: undefined }).then((r) => r.result);
  const signed = () => signedFormRequestV3('GetCallerIdentity', { Format: 'JSON' }, aliceKey());

  it('VerifyRequest names the signer of a V3 request whose parameters are in a form body', async () => {
    expect(await verify(signed())).toMatchObject({ $case: 'principal', value: { type: opensts.PrincipalType.PRINCIPAL_TYPE_RAM_USER, userName: 'alice', accountId: dir.accountId } });
    // the pairs are decoded from the body: sending them beside it is optional
    expect(await verify({ ...signed(), form: [] })).toMatchObject({ $case: 'principal' });
  });

  it('VerifyRequest refuses a tampered body, form pairs that are not the body, and a body hash without the form body', async () => {
    const tampered = { ...signed(), body: Buffer.from('Format=XML'), form: [{ name: 'Format', value: 'XML' }], bodySha256: '' };
    expect(await verify(tampered)).toMatchObject({ $case: 'error', value: { code: 'InvalidParameter', httpStatus: 400, message: 'The x-acs-content-sha256 header does not match the request body.' } });
    const formNotTheBody = { ...signed(), form: [{ name: 'Format', value: 'XML' }] };
    expect(await verify(formNotTheBody)).toMatchObject({ $case: 'error', value: { code: 'InvalidParameter', message: 'The form parameters are not the ones in the request body.' } });
    const hashWithoutBody = { ...signed(), body: Buffer.alloc(0) };
    expect(await verify(hashWithoutBody)).toMatchObject({ $case: 'error', value: { code: 'InvalidParameter', httpStatus: 400 } });
  });

  it('AssumeRole acts on the parameters of the signed body, and refuses other pairs sent beside it', async () => {
    const request = signedFormRequestV3('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'v3-form' }, aliceKey());
    const issued = await sut.client.assumeRole({ caller: { $case: 'signedRequest', value: request }, params: undefined, context: undefined });
    expect(issued.assumedRoleUser?.arn).toBe(`acs:ram::${dir.accountId}:role/${dir.role.roleName}/v3-form`);

    const other = signedFormRequestV3('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'v3-other' }, aliceKey());
    const forged = { ...other, form: [{ name: 'RoleArn', value: dir.role.arn }, { name: 'RoleSessionName', value: 'v3-forged' }] };
    await expect(sut.client.assumeRole({ caller: { $case: 'signedRequest', value: forged }, params: undefined, context: undefined })).rejects.toMatchObject({
      code: 3,
      details: 'The form parameters are not the ones in the request body.',
    });
  });
});
