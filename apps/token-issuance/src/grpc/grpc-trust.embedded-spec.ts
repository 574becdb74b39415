import type { ServiceError } from '@grpc/grpc-js';
// where grpc-js (1.14) reads the client certificate for getAuthContext
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors';
import { opensts } from '@opensts/grpc-api';
import { accountPrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { principalToProto } from '@opensts/platform';
import { SeededDirectory, SeededKey, seedDirectory, seedRootAccessKey } from '../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService, until } from '../../test/embedded-token-service.harness';
import { signedRequest } from '../../test/signed-requests';
import type { TokenServicePromiseClient } from '../../test/token-service.client';

jest.setTimeout(30_000);

const refusal = (err: unknown) => ({ grpc: (err as ServiceError).code, code: (err as ServiceError).metadata?.get('x-acs-error-code')[0] });

/** The channel as proof of a service (ADR 0006), on a real mutual-TLS connection. */
describe('TokenService over mutual TLS (embedded, loopback)', () => {
  let sut: EmbeddedTokenService;
  let policyService: TokenServicePromiseClient;
  let a: SeededDirectory;
  let b: SeededDirectory;
  let rootA: SeededKey;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService({ mtls: true });
    policyService = await sut.clientAs('policy');
    a = seedDirectory(sut.box);
    b = seedDirectory(sut.box);
    const root = seedRootAccessKey(sut.box, a.accountId);
    rootA = root.key;
    await sut.seed([...a.messages, ...b.messages, ...root.messages], (d) => [a, b].every((dir) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1) && d.accessKey(rootA.accessKeyId) !== undefined);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const assume = async (client: TokenServicePromiseClient, sessionName: string) =>
    (await client.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: a.role.arn, RoleSessionName: sessionName }, a.user) }, params: undefined, context: undefined })).credentials!;
  const principal = (p: Parameters<typeof principalToProto>[0]) => ({ $case: 'principal' as const, value: principalToProto(p) });

  describe('Authorize', () => {
    it('takes a SecurityToken or a principal as the subject from any service certificate, and refuses a revoked token', async () => {
      const creds = await assume(policyService, 'authorize-token');
      const byToken = () => policyService.authorize({ subject: { $case: 'securityToken', value: creds.securityToken }, action: 'oss:GetObject', resource: 'acs:oss:*:*:bucket/key', context: {} });
      expect(await byToken()).toMatchObject({ decision: opensts.Decision.DECISION_ALLOW, deciding: { policy: 'policy:Custom:RoleAccess' } });
      const alice = principal(ramUserPrincipal(a.accountId, a.user.userId, a.user.userName, a.user.accessKeyId));
      const byPrincipal = await policyService.authorize({ subject: alice, action: 'sts:AssumeRole', resource: a.role.arn, context: {} });
      expect(byPrincipal.decision).toBe(opensts.Decision.DECISION_ALLOW);

      const root = principal(accountPrincipal(a.accountId, rootA.accessKeyId));
      await sut.client.revokeSession({ accessKeyId: creds.accessKeyId, reason: '', caller: root, context: undefined });
      await until(async () => (await byToken()).error !== undefined);
      expect((await byToken()).error).toMatchObject({ code: 'InvalidSecurityToken.Expired', httpStatus: 400 });
    });
  });

  describe('session administration with a principal handed over by the gateway', () => {
    it('lets the account root revoke and list its sessions', async () => {
      const creds = await assume(sut.client, 'gateway-root');
      const root = principal(accountPrincipal(a.accountId, rootA.accessKeyId));
      const listed = await sut.client.listSessions({ accountId: a.accountId, roleArn: a.role.arn, maxItems: 0, marker: '', caller: root, context: undefined });
      expect(listed.sessions.map((s) => s.accessKeyId)).toContain(creds.accessKeyId);
      expect(await sut.client.revokeSession({ accessKeyId: creds.accessKeyId, reason: 'gateway', caller: root, context: undefined })).toEqual({ revoked: true });
      expect(await sut.client.revokeRoleSessions({ roleArn: a.role.arn, issuedBefore: '2026-01-01T00:00:00Z', caller: root, context: undefined })).toEqual({ revokedBefore: '2026-01-01T00:00:00.000Z' });
    });

    it('authorises the handed-over principal like a signed one: RAM users need the permission, other accounts see nothing', async () => {
      const creds = await assume(sut.client, 'gateway-refused');
      const alice = principal(ramUserPrincipal(a.accountId, a.user.userId, a.user.userName, a.user.accessKeyId));
      const refused = await sut.client.revokeSession({ accessKeyId: creds.accessKeyId, reason: '', caller: alice, context: undefined }).catch((e: unknown) => e);
      expect(refusal(refused)).toEqual({ grpc: 7, code: 'NoPermission' });
      const rootB = principal(accountPrincipal(b.accountId, 'LTAIrootOfAccountB0000'));
      const otherAccount = await sut.client.revokeSession({ accessKeyId: creds.accessKeyId, reason: '', caller: rootB, context: undefined }).catch((e: unknown) => e);
      expect(refusal(otherAccount)).toEqual({ grpc: 5, code: 'EntityNotExist.Session' });
      const listOther = await sut.client.listSessions({ accountId: a.accountId, roleArn: '', maxItems: 0, marker: '', caller: rootB, context: undefined }).catch((e: unknown) => e);
      expect(refusal(listOther)).toEqual({ grpc: 7, code: 'NoPermission' });
    });

    it('refuses a principal from any other service certificate, which may still send a signed request', async () => {
      const creds = await assume(policyService, 'policy-peer');
      const root = principal(accountPrincipal(a.accountId, rootA.accessKeyId));
      const handedOver = await policyService.revokeSession({ accessKeyId: creds.accessKeyId, reason: '', caller: root, context: undefined }).catch((e: unknown) => e);
      expect(refusal(handedOver)).toEqual({ grpc: 7, code: 'Forbidden.PrincipalHandover' });
      const signed = signedRequest('RevokeSession', { SessionAccessKeyId: creds.accessKeyId }, rootA);
      expect(await policyService.revokeSession({ accessKeyId: '', reason: '', caller: { $case: 'signedRequest', value: signed }, context: undefined })).toEqual({ revoked: true });
    });
  });

  describe('peer names', () => {
    it('reads the client certificate once per connection, and each connection its own', async () => {
      const reads = jest.spyOn(BaseServerInterceptingCall.prototype, 'getAuthContext');
      try {
        const asGateway = await sut.clientAs('gateway');
        const asPolicy = await sut.clientAs('policy');
        const alice = principal(ramUserPrincipal(a.accountId, a.user.userId, a.user.userName, a.user.accessKeyId));
        const identity = (client: TokenServicePromiseClient) => client.getCallerIdentity({ caller: alice, context: undefined });
        for (let i = 0; i < 5; i++) expect(await identity(asGateway)).toMatchObject({ arn: `acs:ram::${a.accountId}:user/alice` });
        expect(reads).toHaveBeenCalledTimes(1);
        for (let i = 0; i < 3; i++) expect(refusal(await identity(asPolicy).catch((e: unknown) => e))).toEqual({ grpc: 7, code: 'Forbidden.PrincipalHandover' });
        expect(reads).toHaveBeenCalledTimes(2);
        expect(await identity(asGateway)).toMatchObject({ identityType: 'RAMUser' });
        expect(reads).toHaveBeenCalledTimes(2);
      } finally {
        reads.mockRestore();
      }
    });
  });
});
