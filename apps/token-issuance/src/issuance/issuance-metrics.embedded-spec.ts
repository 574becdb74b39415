import { isDeepStrictEqual } from 'node:util';
import type { ServiceError } from '@grpc/grpc-js';
import { captureMetrics, type MetricCapture } from '../../../../test/support/metric-capture';
import { seedDirectory, type SeededDirectory } from '../../test/directory-events';
import { startEmbeddedTokenService, type EmbeddedTokenService } from '../../test/embedded-token-service.harness';
import { signedRequest } from '../../test/signed-requests';
import { RevokeRoleSessionsHandler } from './revoke-role-sessions/revoke-role-sessions.handler';
import { RevokeSessionHandler } from './revoke-session/revoke-session.handler';

jest.setTimeout(30_000);

/** What an operator sees of token-issuance: sessions issued and refused, revocations, group commits. */
describe('token-issuance metrics', () => {
  let capture: MetricCapture;
  let sut: EmbeddedTokenService;
  let dir: SeededDirectory;

  beforeAll(async () => {
    capture = captureMetrics();
    sut = await startEmbeddedTokenService();
    dir = seedDirectory(sut.box);
    await sut.seed(dir.messages, (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1);
  });
  afterAll(async () => {
    await sut?.close();
    await capture.stop();
  });

  const assumeRole = (roleArn: string, roleSessionName: string) =>
    sut.client.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: roleArn, RoleSessionName: roleSessionName }, dir.user) }, params: undefined, context: undefined });
  const value = async (name: string, attributes: Record<string, string>) => (await capture.points(name)).find((p) => isDeepStrictEqual(p.attributes, attributes))?.value;

  it('counts an AssumeRole issued by mechanism and one refused by its error code', async () => {
    const issued = await assumeRole(dir.role.arn, 'counted');
    const refused = await assumeRole(`acs:ram::${dir.accountId}:role/missing`, 'refused').catch((e: ServiceError) => e.metadata.get('x-acs-error-code')[0]);
    expect(issued.credentials?.accessKeyId).toMatch(/^STS\./);
    expect(refused).toBe('EntityNotExist.Role');

    expect(await value('opensts.sessions.issued', { 'acs.mechanism': 'AssumeRole' })).toBe(1);
    expect(await value('opensts.sessions.refused', { 'acs.mechanism': 'AssumeRole', 'acs.error_code': 'EntityNotExist.Role' })).toBe(1);
    // the issuance and the refusal's audit record were each committed by a group commit
    expect(await value('opensts.event_store.batch.size', {})).toMatchObject({ count: expect.any(Number), sum: 2 });
  });

  it('counts revocations of a session and of a role, and none that changed nothing', async () => {
    const { credentials } = await assumeRole(dir.role.arn, 'to-revoke');
    const revokeSession = sut.app.get(RevokeSessionHandler);
    expect(await revokeSession.execute({ accessKeyId: credentials!.accessKeyId })).toEqual({ revoked: true });
    expect(await revokeSession.execute({ accessKeyId: credentials!.accessKeyId })).toEqual({ revoked: false });
    await sut.app.get(RevokeRoleSessionsHandler).execute({ roleArn: dir.role.arn });

    expect(await value('opensts.sessions.revocations', { 'opensts.revocation.scope': 'session' })).toBe(1);
    expect(await value('opensts.sessions.revocations', { 'opensts.revocation.scope': 'role' })).toBe(1);
    expect(await value('opensts.sessions.issued', { 'acs.mechanism': 'AssumeRole' })).toBe(2);
  });
});
