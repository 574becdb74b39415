import type { ServiceError } from '@grpc/grpc-js';
import { opensts } from '@opensts/grpc-api';
import { SeededDirectory, seedDirectory, seedRamUser } from '../../../test/directory-events';
import { EmbeddedTokenService, startEmbeddedTokenService } from '../../../test/embedded-token-service.harness';
import { signedRequest } from '../../../test/signed-requests';

jest.setTimeout(30_000);

const OBJECT = 'acs:oss:*:*:bucket/key';

/**
 * Authorize on the plaintext loopback of embedded mode, where no channel names anybody: a
 * SecurityToken alone is refused (it travels in clear beside every request signed with it), the
 * subject's own signed request is accepted (ADR 0006 rule 4).
 */
describe('Authorize without mutual TLS (embedded, loopback)', () => {
  let sut: EmbeddedTokenService;
  let dir: SeededDirectory;
  let creds: opensts.Credentials;

  beforeAll(async () => {
    sut = await startEmbeddedTokenService();
    dir = seedDirectory(sut.box);
    await sut.seed(dir.messages, (d) => d.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1);
    const issued = await sut.client.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'authz' }, dir.user) }, params: undefined, context: undefined });
    creds = issued.credentials!;
  });

  afterAll(async () => {
    await sut?.close();
  });

  const bySignature = (request: opensts.SignedRequest, action = 'oss:GetObject') => sut.client.authorize({ subject: { $case: 'signedRequest', value: request }, action, resource: OBJECT, context: {} });

  it('refuses a SecurityToken as the subject: a leaked token alone asks nothing', async () => {
    const err = await sut.client.authorize({ subject: { $case: 'securityToken', value: creds.securityToken }, action: 'oss:GetObject', resource: OBJECT, context: {} }).catch((e: ServiceError) => e);
    expect(err).toMatchObject({ code: 7 });
    expect((err as ServiceError).metadata.get('x-acs-error-code')).toEqual(['Forbidden.SecurityTokenSubject']);
  });

  it('decides for the signer of a signed request: a role session, or a RAM user', async () => {
    const session = () => signedRequest('GetObject', {}, creds);
    expect(await bySignature(session())).toMatchObject({ decision: opensts.Decision.DECISION_ALLOW, deciding: { policy: 'policy:Custom:RoleAccess' }, error: undefined });
    expect((await bySignature(session(), 'ecs:DeleteInstance')).decision).toBe(opensts.Decision.DECISION_IMPLICIT_DENY);
    expect((await bySignature(signedRequest('GetObject', {}, dir.user), 'sts:AssumeRole')).decision).toBe(opensts.Decision.DECISION_ALLOW);
    expect((await bySignature(signedRequest('GetObject', {}, dir.user))).decision).toBe(opensts.Decision.DECISION_IMPLICIT_DENY);
  });

  it('answers the authentication failure inline: a wrong secret, a replay; a malformed question claims no nonce', async () => {
    const forged = await bySignature(signedRequest('GetObject', {}, { ...creds, accessKeySecret: 'not-the-secret' }));
    expect(forged).toMatchObject({ decision: opensts.Decision.DECISION_UNSPECIFIED, error: { code: 'SignatureDoesNotMatch', httpStatus: 400 } });
    const request = signedRequest('GetObject', {}, creds);
    expect((await bySignature(request, 'not-an-action')).error?.code).toBe('InvalidParameter.Action');
    // one action per question: an Allow of oss:* says nothing of a Deny of one of them
    for (const wildcard of ['oss:*', 'oss:Get?bject']) expect((await bySignature(request, wildcard)).error?.code).toBe('InvalidParameter.Action');
    expect((await bySignature(request)).decision).toBe(opensts.Decision.DECISION_ALLOW);
    expect((await bySignature(request)).error).toMatchObject({ code: 'SignatureNonceUsed' });
  });

  it('evaluates conditions on the subject itself (acs:MFAPresent, acs:AccessId, acs:PrincipalType), and replaces what the asking service says of it', async () => {
    const bob = seedRamUser(sut.box, dir.accountId, 'bob', {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'oss:*', Resource: '*' },
        { Effect: 'Deny', Action: 'oss:DeleteObject', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'false' } } },
        { Effect: 'Deny', Action: 'oss:PutObject', Resource: '*', Condition: { StringEquals: { 'acs:PrincipalType': 'RAMUser' } } },
      ],
    });
    await sut.seed(bob.messages, (d) => d.identityPolicies(dir.accountId, { type: 'User', id: bob.user.userId }).length === 1);
    const ask = (action: string, context: Record<string, opensts.ContextValue> = {}) =>
      sut.client.authorize({ subject: { $case: 'signedRequest', value: signedRequest('GetObject', {}, bob.user) }, action, resource: OBJECT, context });
    expect((await ask('oss:GetObject')).decision).toBe(opensts.Decision.DECISION_ALLOW);
    expect(await ask('oss:DeleteObject')).toMatchObject({ decision: opensts.Decision.DECISION_EXPLICIT_DENY, deciding: { statementIndex: 1 } });
    expect((await ask('oss:PutObject', { 'acs:principaltype': { values: ['AssumedRoleUser'] }, 'acs:MFAPresent': { values: ['true'] } })).decision).toBe(
      opensts.Decision.DECISION_EXPLICIT_DENY,
    );
    expect((await ask('oss:DeleteObject', { 'acs:MFAPresent': { values: ['true'] } })).decision).toBe(opensts.Decision.DECISION_EXPLICIT_DENY);
  });
});
