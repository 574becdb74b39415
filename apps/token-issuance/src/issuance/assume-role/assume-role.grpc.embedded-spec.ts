import type { ServiceError } from '@grpc/grpc-js';
import { accountPrincipal, CallerPrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { principalToProto } from '@opensts/platform';
import { SeededDirectory, SeededKey, seedDirectory, seedRamUser, seedRootAccessKey } from '../../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../../test/embedded-token-service.harness';
import { signedRequest } from '../../../test/signed-requests';
import type { TokenServicePromiseClient } from '../../../test/token-service.client';

jest.setTimeout(30_000);

const refusal = (err: unknown) => {
  const e = err as ServiceError;
  const header = (name: string) => e.metadata?.get(name)[0];
  return { grpc: e.code, code: header('x-acs-error-code'), httpStatus: header('x-acs-http-status'), message: e.details, requestId: header('x-acs-request-id') };
};

/**
 * AssumeRole with a principal the gateway already verified (ADR 0006 rule 2): taken only from the
 * gateway's client certificate on a real mutual-TLS channel, its parameters then read from the
 * request's `params`; the handed-over principal is still authorised like a signed caller.
 */
describe('TokenService/AssumeRole with a principal handed over, over mutual TLS', () => {
  let sut: EmbeddedTokenService;
  let policyService: TokenServicePromiseClient;
  let dir: SeededDirectory;
  let root: SeededKey;
  let bob: SeededDirectory['user'];

  beforeAll(async () => {
    sut = await startEmbeddedTokenService({ mtls: true });
    policyService = await sut.clientAs('policy');
    dir = seedDirectory(sut.box);
    const rootKey = seedRootAccessKey(sut.box, dir.accountId);
    const unprivileged = seedRamUser(sut.box, dir.accountId, 'bob');
    root = rootKey.key;
    bob = unprivileged.user;
    await sut.seed([...dir.messages, ...rootKey.messages, ...unprivileged.messages], (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1 && d.accessKey(bob.accessKeyId) !== undefined);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const alice = () => ramUserPrincipal(dir.accountId, dir.user.userId, dir.user.userName, dir.user.accessKeyId);
  const handOver = (client: TokenServicePromiseClient, principal: CallerPrincipal, roleSessionName: string) =>
    client.assumeRole({
      caller: { $case: 'principal', value: principalToProto(principal) },
      params: { roleArn: dir.role.arn, roleSessionName, policy: '', durationSeconds: 1800, externalId: '', sourceIdentity: '' },
      context: { requestId: `REQ-${roleSessionName}`, sourceIp: '192.0.2.7', secureTransport: true },
    });
  const roleSessions = async () => {
    const rootCaller = { $case: 'principal' as const, value: principalToProto(accountPrincipal(dir.accountId, root.accessKeyId)) };
    return (await sut.client.listSessions({ accountId: dir.accountId, roleArn: dir.role.arn, maxItems: 0, marker: '', caller: rootCaller, context: undefined })).sessions;
  };
  const sessionNames = async () => (await roleSessions()).map((s) => s.roleSessionName);

  it("issues credentials for the gateway's principal, with the parameters it sends, that then work on their own", async () => {
    const before = Date.now();
    const issued = await handOver(sut.client, alice(), 'via-gateway');
    expect(issued.requestId).toBe('REQ-via-gateway');
    expect(issued.assumedRoleUser).toEqual({ arn: `acs:ram::${dir.accountId}:role/${dir.role.roleName}/via-gateway`, assumedRoleId: `${dir.role.roleId}:via-gateway` });
    // 1800 s after the issue instant, which is whole seconds somewhere between the call's start and end
    const after = Date.now();
    const expiration = Date.parse(issued.credentials!.expiration);
    expect(expiration).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 1_800_000);
    expect(expiration).toBeLessThanOrEqual(Math.floor(after / 1000) * 1000 + 1_800_000);

    const identity = await policyService.getCallerIdentity({ caller: { $case: 'signedRequest', value: signedRequest('GetCallerIdentity', {}, issued.credentials!) }, context: undefined });
    expect(identity).toMatchObject({ identityType: 'AssumedRoleUser', principalId: `${dir.role.roleId}:via-gateway` });
    expect((await roleSessions()).find((s) => s.accessKeyId === issued.credentials!.accessKeyId)).toMatchObject({ callerArn: alice().arn, callerType: 'RAMUser' });
  });

  it('refuses a principal handed over by any other service certificate with Forbidden.PrincipalHandover, and issues nothing', async () => {
    const err = await handOver(policyService, alice(), 'via-policy').catch((e: unknown) => e);
    expect(refusal(err)).toEqual({ grpc: 7, code: 'Forbidden.PrincipalHandover', httpStatus: '403', message: 'A verified principal is accepted only from the gateway over mutual TLS.', requestId: 'REQ-via-policy' });
    expect(await sessionNames()).not.toContain('via-policy');
  });

  it('lets that service assume the role with the signed request of the caller instead', async () => {
    const signed = signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'via-policy-signed' }, dir.user);
    const issued = await policyService.assumeRole({ caller: { $case: 'signedRequest', value: signed }, params: undefined, context: undefined });
    expect(issued.assumedRoleUser?.assumedRoleId).toBe(`${dir.role.roleId}:via-policy-signed`);
  });

  it("vouches for who the principal is, never for what it may do: the gateway's root or unprivileged user is refused as over HTTP", async () => {
    const asRoot = await handOver(sut.client, accountPrincipal(dir.accountId, root.accessKeyId), 'root-via-gateway').catch((e: unknown) => e);
    expect(refusal(asRoot)).toEqual({ grpc: 7, code: 'NoPermission', httpStatus: '403', message: 'Roles may not be assumed by root accounts.', requestId: 'REQ-root-via-gateway' });
    const asBob = await handOver(sut.client, ramUserPrincipal(dir.accountId, bob.userId, bob.userName, bob.accessKeyId), 'bob-via-gateway').catch((e: unknown) => e);
    expect(refusal(asBob)).toEqual({ grpc: 7, code: 'NoPermission', httpStatus: '403', message: 'You are not authorized to do this action. You should be authorized by RAM.', requestId: 'REQ-bob-via-gateway' });
    expect(await sessionNames()).toEqual(expect.not.arrayContaining(['root-via-gateway', 'bob-via-gateway']));
  });
});
