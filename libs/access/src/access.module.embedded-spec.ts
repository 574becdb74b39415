import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { SecretBox, parseKeyRing } from '@opensts/sts-core/crypto';
import { Topics } from '@opensts/sts-core/events';
import { AppConfig, CoreModule, createLogger, EventBus, loadConfig, ServicePersistenceModule } from '@opensts/platform';
import { evaluatePolicySet } from '@opensts/sts-core/policy';
import { ACCOUNT, allow, deny, envelope, events, trustAccount } from '../test/access-fixtures';
import { AccessModule } from './access.module';
import { DatabaseNonceStore } from './authentication/database-nonce-store';
import { RequestAuthenticator } from './authentication/request-authenticator';
import { DirectoryView } from './directory/directory-view';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from './index';

async function start(config: AppConfig) {
  const persistence = ServicePersistenceModule.forService({ service: 'gateway', entities: ACCESS_ENTITIES, migrations: ACCESS_MIGRATIONS });
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule.forRoot({ config, logger: createLogger('test', 'silent'), clientId: 'test' }), AccessModule.register({ service: 'gateway', persistence })],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('AccessModule (SQLite, in-process bus)', () => {
  const masterKey = randomBytes(32).toString('base64');
  const config = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-access-')), STS_MASTER_KEY: masterKey });
  const box = new SecretBox(parseKeyRing(masterKey));

  it('builds the directory view from published events, persists it and reloads it after a restart', async () => {
    let app = await start(config);
    const bus = app.get(EventBus);
    await bus.publish([
      { topic: Topics.identity, key: ACCOUNT, envelope: events.account() },
      { topic: Topics.identity, key: 'k', envelope: events.rootKey(box, 'LTAIroot0000000000000000', 'the-secret') },
      { topic: Topics.identity, key: '100', envelope: events.role('100', 'Deployer', trustAccount()) },
    ]);
    expect(app.get(DirectoryView).accessKey('LTAIroot0000000000000000')?.secret).toBe('the-secret');
    await app.close();

    app = await start(config); // memory is rebuilt from the database, not from the bus
    const view = app.get(DirectoryView);
    expect(view.accountExists(ACCOUNT)).toBe(true);
    expect(view.accessKey('LTAIroot0000000000000000')?.secret).toBe('the-secret');
    expect(view.role(ACCOUNT, 'deployer')?.roleId).toBe('100');
    await app.close();
  });

  it('keeps a policy re-created under a deleted one\'s name across a restart (versions compare within one aggregate only)', async () => {
    const cfg = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-access-')), STS_MASTER_KEY: masterKey });
    const foo = { accountId: ACCOUNT, policyName: 'foo', policyType: 'Custom', principalType: 'User', principalId: '7', principalName: 'alice', attachDate: 'x' };
    const created = (document: string) => ({ accountId: ACCOUNT, policyName: 'foo', policyType: 'Custom', defaultVersionId: 'v1', policyDocument: document, createDate: 'x' });
    const publish = (app: Awaited<ReturnType<typeof start>>, ...envs: ReturnType<typeof envelope>[]) =>
      app.get(EventBus).publish(envs.map((e) => ({ topic: Topics.policy, key: e.aggregateId, envelope: e })));
    const decide = (app: Awaited<ReturnType<typeof start>>) =>
      evaluatePolicySet(app.get(DirectoryView).identityPolicies(ACCOUNT, { type: 'User', id: '7' }), { action: 'oss:GetObject', resource: '*' }).decision;

    let app = await start(cfg);
    await publish(app, events.user('7', 'alice'), envelope('PolicyCreated', created(allow('oss:*')), 'policy-1', 1), envelope('PolicyAttached', foo, 'policy-1:User:7', 1));
    await publish(app, envelope('PolicyDetached', foo, 'policy-1:User:7', 2), envelope('PolicyDeleted', { accountId: ACCOUNT, policyName: 'foo' }, 'policy-1', 2));
    await app.close();

    app = await start(cfg);
    await publish(app, envelope('PolicyCreated', created(deny('oss:*')), 'policy-2', 1), envelope('PolicyAttached', foo, 'policy-2:User:7', 1));
    expect(decide(app)).toBe('ExplicitDeny');
    await app.close();

    app = await start(cfg);
    expect(decide(app)).toBe('ExplicitDeny');
    await app.close();
  });

  it('claims a nonce once', async () => {
    const app = await start(config);
    const nonces = app.get(DatabaseNonceStore);
    const until = Date.now() + 60_000;
    expect(await nonces.claim('LTAIa', 'n-1', until)).toBe(true);
    expect(await nonces.claim('LTAIa', 'n-1', until)).toBe(false);
    expect(await nonces.claim('LTAIb', 'n-1', until)).toBe(true);
    expect(await nonces.claim('LTAIa', 'x'.repeat(500), until)).toBe(true);
    expect(await nonces.claim('LTAIa', 'x'.repeat(500), until)).toBe(false);
    // a burst is group-committed; exactly one of each duplicated pair wins
    const burst = await Promise.all([...Array(200)].map((_, i) => nonces.claim('LTAIc', `b-${i % 100}`, until)));
    expect(burst.filter(Boolean)).toHaveLength(100);
    await app.close();
  });

  it('gives the gateway and token-issuance hosted in one process one nonce store, in its own database', async () => {
    const cfg = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-access-')), STS_MASTER_KEY: masterKey });
    const hosted = (['gateway', 'token-issuance'] as const).map((service) => {
      const persistence = ServicePersistenceModule.forService({ service, entities: ACCESS_ENTITIES, migrations: ACCESS_MIGRATIONS });
      return AccessModule.register({ service, persistence });
    });
    const app = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config: cfg, logger: createLogger('test', 'silent'), clientId: 'test' }), ...hosted] }).compile();
    await app.init();
    expect(app.get(DatabaseNonceStore, { strict: false, each: true })).toHaveLength(1);
    expect(app.get(RequestAuthenticator, { strict: false, each: true })).toHaveLength(2);
    expect(existsSync(join(cfg.STS_DATA_DIR, 'nonces.sqlite'))).toBe(true);
    await app.close();
  });
});
