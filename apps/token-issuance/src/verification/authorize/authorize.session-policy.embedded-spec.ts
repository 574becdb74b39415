import { opensts } from '@opensts/grpc-api';
import { detachFromRole, SeededDirectory, seedDirectory } from '../../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../../test/embedded-token-service.harness';
import { signedRequest } from '../../../test/signed-requests';
import type { TokenServicePromiseClient } from '../../../test/token-service.client';

jest.setTimeout(30_000);

const { DECISION_ALLOW, DECISION_EXPLICIT_DENY, DECISION_IMPLICIT_DENY } = opensts.Decision;
const REPORT = 'acs:oss:*:*:reports/q1.csv';

/** Narrower than the role's `oss:*`: reads of reports only, never the secret ones. */
const SESSION_POLICY = JSON.stringify({
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:reports/*' },
    { Effect: 'Deny', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:reports/secret-*' },
  ],
});

/**
 * Authorize over the RPC for role sessions (issue 6: role policies ∩ session policy, evaluated
 * against the role's CURRENT policies), the subject a SecurityToken sent by an OpenSTS service
 * over mutual TLS, the role's policies changed by directory events on the bus.
 */
describe('TokenService/Authorize for a session issued with a session policy', () => {
  let sut: EmbeddedTokenService;
  let storage: TokenServicePromiseClient;
  let dir: SeededDirectory;
  let narrowed: opensts.Credentials;
  let unrestricted: opensts.Credentials;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService({ mtls: true });
    storage = await sut.clientAs('storage');
    dir = seedDirectory(sut.box, { roleAllows: 'oss:*' });
    await sut.seed(dir.messages, (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1);
    const assume = async (RoleSessionName: string, policy?: string) => {
      const params = { RoleArn: dir.role.arn, RoleSessionName, ...(policy ? { Policy: policy } : {}) };
      return (await storage.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', params, dir.user) }, params: undefined, context: undefined })).credentials!;
    };
    narrowed = await assume('narrowed', SESSION_POLICY);
    unrestricted = await assume('unrestricted');
  });

  afterAll(async () => {
    await sut?.close();
  });

  const authorize = (creds: opensts.Credentials, action: string, resource: string) =>
    storage.authorize({ subject: { $case: 'securityToken', value: creds.securityToken }, action, resource, context: {} });
  const roleStatement = { policy: 'policy:Custom:RoleAccess', statementIndex: 0, sid: '' };

  it('allows what both the role and the session policy allow, the role policy deciding', async () => {
    expect(await authorize(narrowed, 'oss:GetObject', REPORT)).toEqual({ decision: DECISION_ALLOW, deciding: roleStatement, error: undefined });
    const bySignature = await storage.authorize({ subject: { $case: 'signedRequest', value: signedRequest('GetObject', {}, narrowed) }, action: 'oss:GetObject', resource: REPORT, context: {} });
    expect(bySignature).toEqual({ decision: DECISION_ALLOW, deciding: roleStatement, error: undefined });
  });

  it('denies implicitly, with no deciding statement, what only the role allows', async () => {
    expect(await authorize(unrestricted, 'oss:PutObject', REPORT)).toMatchObject({ decision: DECISION_ALLOW });
    expect(await authorize(unrestricted, 'oss:GetObject', 'acs:oss:*:*:photos/cat.jpg')).toMatchObject({ decision: DECISION_ALLOW });
    expect(await authorize(narrowed, 'oss:PutObject', REPORT)).toEqual({ decision: DECISION_IMPLICIT_DENY, deciding: undefined, error: undefined });
    expect(await authorize(narrowed, 'oss:GetObject', 'acs:oss:*:*:photos/cat.jpg')).toEqual({ decision: DECISION_IMPLICIT_DENY, deciding: undefined, error: undefined });
  });

  it("denies explicitly what the session policy denies, naming the session policy's statement", async () => {
    expect(await authorize(unrestricted, 'oss:GetObject', 'acs:oss:*:*:reports/secret-plan.pdf')).toMatchObject({ decision: DECISION_ALLOW });
    expect(await authorize(narrowed, 'oss:GetObject', 'acs:oss:*:*:reports/secret-plan.pdf')).toEqual({
      decision: DECISION_EXPLICIT_DENY,
      deciding: { policy: 'session-policy', statementIndex: 1, sid: '' },
      error: undefined,
    });
  });

  // last: it changes the role for every session above
  it("follows the role's current policies: once its policy is detached, what it allowed is denied to live sessions", async () => {
    expect((await authorize(narrowed, 'oss:GetObject', REPORT)).decision).toBe(DECISION_ALLOW);
    await sut.seed([detachFromRole(dir)], (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 0);
    expect(await authorize(narrowed, 'oss:GetObject', REPORT)).toEqual({ decision: DECISION_IMPLICIT_DENY, deciding: undefined, error: undefined });
    expect(await authorize(unrestricted, 'oss:PutObject', REPORT)).toEqual({ decision: DECISION_IMPLICIT_DENY, deciding: undefined, error: undefined });
  });
});
