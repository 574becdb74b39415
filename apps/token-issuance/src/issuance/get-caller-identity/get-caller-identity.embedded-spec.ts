import type { ServiceError } from '@grpc/grpc-js';
import { opensts } from '@opensts/grpc-api';
import { SeededDirectory, SeededKey, seedDirectory, seedRootAccessKey } from '../../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../../test/embedded-token-service.harness';
import { signedRequest } from '../../../test/signed-requests';
import type { TokenServicePromiseClient } from '../../../test/token-service.client';

jest.setTimeout(30_000);

/**
 * GetCallerIdentity over the RPC, each caller proving itself with its own signed request on a
 * mutual-TLS channel from a service that may not hand over principals (ADR 0006 rule 2: the
 * signature is the proof). Fields per sts-api.md §6.1; '' is the proto's "absent".
 */
describe('TokenService/GetCallerIdentity, signed, over mutual TLS', () => {
  let sut: EmbeddedTokenService;
  let billing: TokenServicePromiseClient;
  let dir: SeededDirectory;
  let root: SeededKey;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService({ mtls: true });
    billing = await sut.clientAs('billing');
    dir = seedDirectory(sut.box);
    const rootKey = seedRootAccessKey(sut.box, dir.accountId);
    root = rootKey.key;
    await sut.seed([...dir.messages, ...rootKey.messages], (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1 && d.accessKey(root.accessKeyId) !== undefined);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const identityOf = (credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }, requestId: string) =>
    billing.getCallerIdentity({ caller: { $case: 'signedRequest', value: signedRequest('GetCallerIdentity', {}, credentials) }, context: { requestId, sourceIp: '', secureTransport: true } });

  it('answers the account root key with the account id as PrincipalId and UserId, and no RoleId', async () => {
    expect(await identityOf(root, 'REQ-ROOT')).toEqual<opensts.GetCallerIdentityResponse>({
      requestId: 'REQ-ROOT',
      accountId: dir.accountId,
      arn: `acs:ram::${dir.accountId}:root`,
      identityType: 'Account',
      principalId: dir.accountId,
      userId: dir.accountId,
      roleId: '',
    });
  });

  it("answers a RAM user's key with its user id as PrincipalId and UserId, and no RoleId", async () => {
    expect(await identityOf(dir.user, 'REQ-USER')).toEqual<opensts.GetCallerIdentityResponse>({
      requestId: 'REQ-USER',
      accountId: dir.accountId,
      arn: `acs:ram::${dir.accountId}:user/${dir.user.userName}`,
      identityType: 'RAMUser',
      principalId: dir.user.userId,
      userId: dir.user.userId,
      roleId: '',
    });
  });

  it('answers temporary credentials with the assumed-role ARN, <RoleId>:<session> as PrincipalId, the RoleId and no UserId', async () => {
    const assumed = await billing.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'whoami' }, dir.user) }, params: undefined, context: undefined });
    expect(await identityOf(assumed.credentials!, 'REQ-SESSION')).toEqual<opensts.GetCallerIdentityResponse>({
      requestId: 'REQ-SESSION',
      accountId: dir.accountId,
      arn: `acs:ram::${dir.accountId}:assumed-role/${dir.role.roleName}/whoami`,
      identityType: 'AssumedRoleUser',
      principalId: `${dir.role.roleId}:whoami`,
      userId: '',
      roleId: dir.role.roleId,
    });
  });

  it('refuses temporary credentials signed without their SecurityToken', async () => {
    const assumed = await billing.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'no-token' }, dir.user) }, params: undefined, context: undefined });
    const { securityToken: _omitted, ...keyOnly } = assumed.credentials!;
    const err = await identityOf(keyOnly, 'REQ-NO-TOKEN').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 3, details: 'SecurityToken is mandatory for this action.' });
    expect((err as ServiceError).metadata.get('x-acs-error-code')).toEqual(['MissingSecurityToken']);
  });
});
