import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { ACTION_OWNERS, ActionRegistry, CoreModule, createLogger, loadConfig, Product, RequestContextStore } from '@opensts/platform';
import { accountPrincipal, CallerPrincipal } from '@opensts/sts-core/principal';
import { AccountService } from '../../identity-directory/src/directory/accounts/account.service';
import { IdentityDirectoryModule } from '../../identity-directory/src/identity-directory-app.module';
import { PolicyModule } from '../src/policy-app.module';

const TRUST = JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: ['acs:ram::1234567890123456:root'] } }], Version: '1' });
const DOC = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] });

/** Both directory services in one process, as the embedded mode composes them (ADR 0007). */
describe('directory consistency (embedded: identity-directory + policy)', () => {
  let module: TestingModule;
  let registry: ActionRegistry;
  let A: CallerPrincipal;
  let B: CallerPrincipal;
  const invoke = (p: CallerPrincipal, action: string, params: Record<string, string>) =>
    RequestContextStore.run({ requestId: 'REQ-C' }, () => registry.invoke({ product: 'Ram', action, version: '2015-05-01', params, principal: p, context: { requestId: 'REQ-C', sourceIp: '127.0.0.1', secureTransport: true } }));
  const errorOf = (p: CallerPrincipal, action: string, params: Record<string, string>) => invoke(p, action, params).then(() => 'ok', (e: { code: string }) => e.code);

  beforeAll(async () => {
    const config = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-consistency-')) });
    module = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, logger: createLogger('c', 'silent'), clientId: 'c' }), IdentityDirectoryModule.register(), PolicyModule.register()] }).compile();
    registry = module.get(ActionRegistry);
    await module.init();
    const accounts = module.get(AccountService, { strict: false });
    A = accountPrincipal((await accounts.create()).accountId, 'LTAIa');
    B = accountPrincipal((await accounts.create()).accountId, 'LTAIb');
  });
  afterAll(() => module.close());

  it('registers every action ACTION_OWNERS gives to identity-directory and policy', () => {
    const owned = (Object.entries(ACTION_OWNERS) as [Product, Record<string, string>][]).flatMap(([product, actions]) =>
      Object.entries(actions).filter(([, owner]) => owner === 'identity-directory' || owner === 'policy').map(([action]) => [product, action] as const),
    );
    expect(owned).toHaveLength(45);
    expect(owned.filter(([product, action]) => !registry.has(product, action))).toEqual([]);
  });

  it('attaches right after CreateUser, refuses DeleteUser while attached, and deletes after the detach', async () => {
    await invoke(A, 'CreateUser', { UserName: 'quick' });
    await invoke(A, 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'quick' });
    expect(await errorOf(A, 'DeleteUser', { UserName: 'quick' })).toBe('DeleteConflict.User.Policy');
    await invoke(A, 'DetachPolicyFromUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'quick' });
    expect(await errorOf(A, 'DeleteUser', { UserName: 'quick' })).toBe('ok');
    expect(await errorOf(A, 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'quick' })).toBe('EntityNotExist.User');
  });

  it('refuses DeleteRole while a policy is attached', async () => {
    await invoke(A, 'CreateRole', { RoleName: 'ops', AssumeRolePolicyDocument: TRUST });
    await invoke(A, 'CreatePolicy', { PolicyName: 'Ops', PolicyDocument: DOC });
    await invoke(A, 'AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: 'Ops', RoleName: 'ops' });
    expect(await errorOf(A, 'DeleteRole', { RoleName: 'ops' })).toBe('DeleteConflict.Role.Policy');
    expect(await errorOf(A, 'DeletePolicy', { PolicyName: 'Ops' })).toBe('DeleteConflict.Policy.Role');
    await invoke(A, 'DetachPolicyFromRole', { PolicyType: 'Custom', PolicyName: 'Ops', RoleName: 'ops' });
    expect(await errorOf(A, 'DeleteRole', { RoleName: 'ops' })).toBe('ok');
  });

  it("keeps accounts apart across both services", async () => {
    await invoke(B, 'CreatePolicy', { PolicyName: 'Secret', PolicyDocument: DOC });
    await invoke(B, 'CreateUser', { UserName: 'bob' });
    await invoke(A, 'CreateUser', { UserName: 'amy' });
    expect(await errorOf(A, 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'Secret', UserName: 'amy' })).toBe('EntityNotExist.Policy');
    expect(await errorOf(A, 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'bob' })).toBe('EntityNotExist.User');
    expect(await errorOf(A, 'ListPoliciesForUser', { UserName: 'bob' })).toBe('EntityNotExist.User');
  });
});
