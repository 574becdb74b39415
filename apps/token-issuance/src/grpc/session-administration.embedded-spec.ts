import type { ServiceError } from '@grpc/grpc-js';
import { ramUserPrincipal } from '@opensts/sts-core/principal';
import { principalToProto } from '@opensts/platform';
import { SeededDirectory, SeededKey, seedDirectory, seedRamUser, seedRootAccessKey } from '../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../test/embedded-token-service.harness';
import { signedRequest } from '../../test/signed-requests';

jest.setTimeout(30_000);

type Key = SeededKey & { securityToken?: string };
const signed = (action: string, params: Record<string, string>, key: Key) => ({ $case: 'signedRequest' as const, value: signedRequest(action, params, key) });
const refusal = (err: unknown) => ({ grpc: (err as ServiceError).code, code: (err as ServiceError).metadata?.get('x-acs-error-code')[0], message: (err as ServiceError).details });

/**
 * Session administration over the plaintext loopback of embedded mode: no channel names anybody,
 * so the caller proves itself with its own signed request and is authorised by the policy engine
 * (ADR 0006 rule 5).
 */
describe('RevokeSession, RevokeRoleSessions, ListSessions with a signed request (embedded, loopback)', () => {
  let sut: EmbeddedTokenService;
  let a: SeededDirectory;
  let b: SeededDirectory;
  let rootA: SeededKey;
  let rootB: SeededKey;
  let operator: SeededKey;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService();
    a = seedDirectory(sut.box);
    b = seedDirectory(sut.box, { roleName: 'Builder' });
    const rootKeyA = seedRootAccessKey(sut.box, a.accountId);
    const rootKeyB = seedRootAccessKey(sut.box, b.accountId);
    const admin = seedRamUser(sut.box, a.accountId, 'operator', {
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['sts:RevokeSession', 'sts:RevokeRoleSessions', 'sts:ListSessions'], Resource: a.role.arn }],
    });
    [rootA, rootB, operator] = [rootKeyA.key, rootKeyB.key, admin.user];
    await sut.seed([...a.messages, ...b.messages, ...rootKeyA.messages, ...rootKeyB.messages, ...admin.messages], (d) =>
      [a, b].every((dir) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1) &&
      d.identityPolicies(a.accountId, { type: 'User', id: admin.user.userId }).length === 1 &&
      d.accessKey(rootKeyB.key.accessKeyId) !== undefined,
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  const assume = async (dir: SeededDirectory, sessionName: string) => {
    const issued = await sut.client.assumeRole({ caller: signed('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: sessionName }, dir.user), params: undefined, context: undefined });
    return issued.credentials!;
  };
  const revokeSession = (accessKeyId: string, by: Key) =>
    sut.client.revokeSession({ accessKeyId: '', reason: '', caller: signed('RevokeSession', { SessionAccessKeyId: accessKeyId, Reason: 'test' }, by), context: undefined });
  // a cut-off in the past: sessions issued by the later tests (in the same second) stay valid
  const CUT_OFF = '2026-01-01T00:00:00Z';
  const revokeRole = (roleArn: string, by: Key) =>
    sut.client.revokeRoleSessions({ roleArn: '', issuedBefore: '', caller: signed('RevokeRoleSessions', { RoleArn: roleArn, IssuedBefore: CUT_OFF }, by), context: undefined });
  const list = (params: Record<string, string>, by: Key) => sut.client.listSessions({ accountId: '', roleArn: '', maxItems: 0, marker: '', caller: signed('ListSessions', params, by), context: undefined });

  it('the account root revokes and lists its own sessions with its signed request', async () => {
    const creds = await assume(a, 'root-revokes');
    expect((await list({}, rootA)).sessions.map((s) => s.accessKeyId)).toContain(creds.accessKeyId);
    expect(await revokeSession(creds.accessKeyId, rootA)).toEqual({ revoked: true });
    expect(await revokeSession(creds.accessKeyId, rootA)).toEqual({ revoked: false });
    expect((await list({ RoleArn: a.role.arn }, rootA)).sessions.map((s) => s.accessKeyId)).not.toContain(creds.accessKeyId);
    expect(await revokeRole(a.role.arn, rootA)).toEqual({ revokedBefore: '2026-01-01T00:00:00.000Z' });
  });

  it('a RAM user or a role session needs the sts: permission on the role', async () => {
    const creds = await assume(a, 'target');
    const alice = a.user;
    const session = { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, securityToken: creds.securityToken };
    for (const by of [alice, session]) {
      for (const attempt of [revokeSession(creds.accessKeyId, by), revokeRole(a.role.arn, by), list({}, by), list({ RoleArn: a.role.arn }, by)]) {
        expect(refusal(await attempt.catch((e: unknown) => e))).toEqual({ grpc: 7, code: 'NoPermission', message: 'You are not authorized to do this action. You should be authorized by RAM.' });
      }
    }
    // allowed on the role's ARN: that role's sessions, not every role of the account
    expect((await list({ RoleArn: a.role.arn }, operator)).sessions.map((s) => s.accessKeyId)).toContain(creds.accessKeyId);
    expect(refusal(await list({}, operator).catch((e: unknown) => e))).toMatchObject({ code: 'NoPermission' });
    expect(await revokeSession(creds.accessKeyId, operator)).toEqual({ revoked: true });
    expect(await revokeRole(a.role.arn, operator)).toHaveProperty('revokedBefore');
  });

  it('nobody acts on another account: its sessions and roles do not exist for the caller', async () => {
    const creds = await assume(a, 'other-account');
    expect(refusal(await revokeSession(creds.accessKeyId, rootB).catch((e: unknown) => e))).toEqual({ grpc: 5, code: 'EntityNotExist.Session', message: `The session not exists: ${creds.accessKeyId}.` });
    expect(refusal(await revokeRole(a.role.arn, rootB).catch((e: unknown) => e))).toEqual({ grpc: 5, code: 'EntityNotExist.Role', message: `The role not exists: ${a.role.arn}.` });
    expect(refusal(await list({ AccountId: a.accountId }, rootB).catch((e: unknown) => e))).toMatchObject({ grpc: 7, code: 'NoPermission' });
    expect(refusal(await list({ RoleArn: a.role.arn }, rootB).catch((e: unknown) => e))).toMatchObject({ grpc: 5, code: 'EntityNotExist.Role' });
    // the same answers as for a session that was never issued
    expect(refusal(await revokeSession(`STS.${'N'.repeat(24)}`, rootB).catch((e: unknown) => e))).toMatchObject({ grpc: 5, code: 'EntityNotExist.Session' });
    expect((await list({}, rootA)).sessions.map((s) => s.accessKeyId)).toContain(creds.accessKeyId);
    expect((await list({}, rootB)).sessions.map((s) => s.accountId)).not.toContain(a.accountId);
  });

  it('acts on what was signed: unsigned fields are ignored, a request signed for another action is refused', async () => {
    const kept = await assume(a, 'kept');
    const revoked = await assume(a, 'revoked');
    const request = signedRequest('RevokeSession', { SessionAccessKeyId: revoked.accessKeyId }, rootA);
    expect(await sut.client.revokeSession({ accessKeyId: kept.accessKeyId, reason: '', caller: { $case: 'signedRequest', value: request }, context: undefined })).toEqual({ revoked: true });
    expect((await list({}, rootA)).sessions.map((s) => s.accessKeyId)).toEqual(expect.arrayContaining([kept.accessKeyId]));
    expect((await list({}, rootA)).sessions.map((s) => s.accessKeyId)).not.toContain(revoked.accessKeyId);

    const listRequest = signed('ListSessions', {}, rootA);
    const replayed = await sut.client.revokeSession({ accessKeyId: kept.accessKeyId, reason: '', caller: listRequest, context: undefined }).catch((e: unknown) => e);
    expect(refusal(replayed)).toMatchObject({ grpc: 3, message: 'The specified parameter "Action or Version" is not valid.' });
  });

  it('takes a principal only from the gateway over mutual TLS, and nothing without a caller', async () => {
    const alice = principalToProto(ramUserPrincipal(a.accountId, a.user.userId, a.user.userName, a.user.accessKeyId));
    const handedOver = await sut.client.listSessions({ accountId: a.accountId, roleArn: '', maxItems: 0, marker: '', caller: { $case: 'principal', value: alice }, context: undefined }).catch((e: unknown) => e);
    expect(refusal(handedOver)).toMatchObject({ grpc: 7, code: 'Forbidden.PrincipalHandover' });
    const anonymous = await sut.client.revokeRoleSessions({ roleArn: a.role.arn, issuedBefore: '', caller: undefined, context: undefined }).catch((e: unknown) => e);
    expect(refusal(anonymous)).toMatchObject({ grpc: 3, code: 'MissingAccessKeyId' });
  });
});

