import { credentials as grpcCredentials, ServiceError } from '@grpc/grpc-js';
import { Test, TestingModule } from '@nestjs/testing';
import pino from 'pino';
import { DirectoryView, RevocationView } from '@opensts/access';
import { opensts } from '@opensts/grpc-api';
import { SecretBox } from '@opensts/sts-core/crypto';
import { EventEnvelope, Topics } from '@opensts/sts-core/events';
import { ramUserPrincipal } from '@opensts/sts-core/principal';
import { ActionRegistry, CoreModule, EventBus, GrpcServerHost, loadMasterKeyRing, OutboxRelay, principalToProto } from '@opensts/platform';
import { embeddedConfig } from '../test/issuance-store.harness';
import { seedDirectory, SeededDirectory } from '../test/directory-events';
import { signedRequest } from '../test/signed-requests';
import { TokenServicePromiseClient } from '../test/token-service.client';
import { RevokeSessionHandler } from './issuance/revoke-session/revoke-session.handler';
import { TokenIssuanceModule } from './token-issuance-app.module';

jest.setTimeout(30_000);

const until = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
};


describe('token-issuance embedded (SQLite, in-process bus, gRPC on loopback)', () => {
  let app: TestingModule;
  let client: TokenServicePromiseClient;
  let dir: SeededDirectory;
  const published: EventEnvelope[] = [];

  beforeAll(async () => {
    const config = { ...embeddedConfig(), STS_GRPC_PORT: 0 };
    app = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, logger: pino({ level: 'silent' }), clientId: 'opensts' }), TokenIssuanceModule.register()] }).compile();
    app.enableShutdownHooks();
    await app.init();
    const bus = app.get(EventBus);
    await bus.subscribe({ group: 'test-observer', topics: [Topics.issuance, Topics.revocations], handler: async (m) => void published.push(m.envelope) });
    dir = seedDirectory(new SecretBox(loadMasterKeyRing(config)));
    await bus.publish(dir.messages);
    const directory = app.get(DirectoryView);
    await until(() => directory.identityPolicies(dir.accountId, { type: 'Role', id: dir.role.roleId }).length === 1);
    client = new TokenServicePromiseClient(`127.0.0.1:${app.get(GrpcServerHost).port}`, grpcCredentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  const alice = () => ramUserPrincipal(dir.accountId, dir.user.userId, dir.user.userName, dir.user.accessKeyId);
  const aliceKey = () => ({ accessKeyId: dir.user.accessKeyId, accessKeySecret: dir.user.accessKeySecret });

  it('serves Sts:AssumeRole through the action registry and publishes SessionIssued once committed', async () => {
    const body = (await app.get(ActionRegistry).invoke({
      product: 'Sts',
      action: 'AssumeRole',
      version: '2015-04-01',
      params: { RoleArn: dir.role.arn.toLowerCase(), RoleSessionName: 'ci-run', DurationSeconds: '1800' },
      principal: alice(),
      context: { requestId: 'REQ-EMBEDDED-1', sourceIp: '127.0.0.1', secureTransport: true },
    })) as { AssumedRoleUser: { Arn: string }; Credentials: { AccessKeyId: string; Expiration: string } };
    expect(body.AssumedRoleUser.Arn).toBe(`acs:ram::${dir.accountId}:role/${dir.role.roleName}/ci-run`);
    expect(body.Credentials.Expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await app.get(OutboxRelay).drain();
    expect(published.find((e) => e.type === 'SessionIssued' && (e.payload as { accessKeyId: string }).accessKeyId === body.Credentials.AccessKeyId)).toMatchObject({
      aggregateId: `session-${body.Credentials.AccessKeyId}`,
      aggregateVersion: 1,
      requestId: 'REQ-EMBEDDED-1',
      schemaVersion: 2,
    });
  });

  it('issues over gRPC for a signed request, verifies and authorises the credentials, and refuses them once revoked', async () => {
    const issued = await client.assumeRole({
      caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: dir.role.arn, RoleSessionName: 'grpc-run' }, aliceKey()) },
      params: undefined,
      context: undefined,
    });
    const creds = issued.credentials!;
    expect(issued.assumedRoleUser?.assumedRoleId).toBe(`${dir.role.roleId}:grpc-run`);

    const verify = () => client.verifyRequest({ request: signedRequest('GetCallerIdentity', {}, creds), context: undefined });
    expect((await verify()).result).toMatchObject({ $case: 'principal', value: { type: opensts.PrincipalType.PRINCIPAL_TYPE_ASSUMED_ROLE, session: { accessKeyId: creds.accessKeyId, roleSessionName: 'grpc-run' } } });

    const identity = await client.getCallerIdentity({ caller: { $case: 'signedRequest', value: signedRequest('GetCallerIdentity', {}, creds) }, context: undefined });
    expect(identity).toMatchObject({ identityType: 'AssumedRoleUser', arn: `acs:ram::${dir.accountId}:assumed-role/${dir.role.roleName}/grpc-run`, roleId: dir.role.roleId });

    const authorize = (action: string) => client.authorize({ subject: { $case: 'signedRequest', value: signedRequest('GetObject', {}, creds) }, action, resource: 'acs:oss:*:*:bucket/key', context: {} });
    expect(await authorize('oss:GetObject')).toMatchObject({ decision: opensts.Decision.DECISION_ALLOW, deciding: { policy: 'policy:Custom:RoleAccess' } });
    expect((await authorize('ecs:DeleteInstance')).decision).toBe(opensts.Decision.DECISION_IMPLICIT_DENY);

    expect(await app.get(RevokeSessionHandler).execute({ accessKeyId: creds.accessKeyId, reason: 'test' })).toEqual({ revoked: true });
    await app.get(OutboxRelay).drain();
    await until(() => app.get(RevocationView).isRevoked({ accessKeyId: creds.accessKeyId, roleId: dir.role.roleId, issuedAt: new Date() } as never));
    expect((await verify()).result).toMatchObject({ $case: 'error', value: { code: 'InvalidSecurityToken.Expired', httpStatus: 400 } });
    expect((await authorize('oss:GetObject')).error?.code).toBe('InvalidSecurityToken.Expired');
  });

  it('answers a refused AssumeRole with the Alibaba error in gRPC metadata, and audits it', async () => {
    const err = await client.assumeRole({
      caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: `acs:ram::${dir.accountId}:role/missing`, RoleSessionName: 'x1' }, aliceKey()) },
      params: undefined,
      context: { requestId: 'REQ-REFUSED', sourceIp: '', secureTransport: true },
    }).catch((e: ServiceError) => e);
    expect((err as ServiceError).metadata.get('x-acs-error-code')).toEqual(['EntityNotExist.Role']);
    expect((err as ServiceError).details).toBe(`The role not exists: acs:ram::${dir.accountId}:role/missing.`);
    await app.get(OutboxRelay).drain();
    expect(published.find((e) => e.type === 'AssumeRoleRefused' && e.requestId === 'REQ-REFUSED')?.payload).toMatchObject({ errorCode: 'EntityNotExist.Role' });
  });

  it('refuses a request signed for another action, and principals and session administration without mutual TLS', async () => {
    const wrongAction = client.assumeRole({ caller: { $case: 'signedRequest', value: signedRequest('GetCallerIdentity', {}, aliceKey()) }, params: undefined, context: undefined });
    await expect(wrongAction).rejects.toMatchObject({ details: 'The specified parameter "Action or Version" is not valid.' });
    const handedOver = client.getCallerIdentity({ caller: { $case: 'principal', value: principalToProto(alice()) }, context: undefined });
    await expect(handedOver).rejects.toMatchObject({ code: 7 });
    await expect(client.listSessions({ accountId: dir.accountId, roleArn: '', maxItems: 0, marker: '', caller: { $case: 'principal', value: principalToProto(alice()) }, context: undefined })).rejects.toMatchObject({ code: 7 });
  });
});
