import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { ActionBody, ActionRegistry, CoreModule, createLogger, Database, DirectoryPrincipalSnapshot, envelopeFor, EventBus, loadConfig, RequestContextStore } from '@opensts/platform';
import { Errors } from '@opensts/sts-core/errors';
import { EventEnvelope, IdentityEvent, Topics } from '@opensts/sts-core/events';
import { accountPrincipal, CallerPrincipal } from '@opensts/sts-core/principal';
import { DEFAULT_POLICY_LIMITS, POLICY_LIMITS, PolicyLimits } from '../src/policy.constants';
import { PolicyModule } from '../src/policy-app.module';

/** What the identity-directory double answers to LookupPrincipal (key: `<account>/<type>/<name lower>`). */
export type DirectoryDouble = Map<string, DirectoryPrincipalSnapshot>;

export interface PolicyHarness {
  module: TestingModule;
  registry: ActionRegistry;
  db: Database;
  directory: DirectoryDouble;
  lookups: number;
  /** While true, LookupPrincipal fails as an unreachable identity-directory would. */
  directoryDown: boolean;
  /** Policy events relayed so far. */
  events: EventEnvelope[];
  invoke(principal: CallerPrincipal, action: string, params?: Record<string, string>): Promise<ActionBody>;
  errorOf(principal: CallerPrincipal, action: string, params?: Record<string, string>): Promise<string>;
  /** Delivers an identity event as the directory's relay would. */
  publishIdentity(event: IdentityEvent, aggregateId: string, version: number, accountId: string): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const directoryKey = (accountId: string, type: string, name: string): string => `${accountId}/${type}/${name.toLowerCase()}`;

/** The policy service alone over SQLite with the in-process bus and a double of the directory's LookupPrincipal. */
export async function startPolicy(options: { limits?: Partial<PolicyLimits> } = {}): Promise<PolicyHarness> {
  const config = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-policy-')) });
  const module = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, logger: createLogger('policy-test', 'silent'), clientId: 'opensts-test' }), PolicyModule.register()] })
    .overrideProvider(POLICY_LIMITS)
    .useValue({ ...DEFAULT_POLICY_LIMITS, ...options.limits })
    .compile();
  const registry = module.get(ActionRegistry);
  const bus = module.get(EventBus);
  const directory: DirectoryDouble = new Map();
  const events: EventEnvelope[] = [];
  const h = { lookups: 0, directoryDown: false } as PolicyHarness;
  registry.registerInternal('LookupPrincipal', ['policy'], async (call) => {
    h.lookups++;
    if (h.directoryDown) throw Errors.serviceUnavailable();
    const found = directory.get(directoryKey(call.params.AccountId, call.params.PrincipalType, call.params.PrincipalName));
    return found ? { Found: true, Principal: found } : { Found: false };
  });
  await bus.subscribe({ group: 'test', topics: [Topics.policy], handler: async (m) => void events.push(m.envelope) });
  await module.init();
  const db = module.get(Database, { strict: false });
  const invoke = (principal: CallerPrincipal, action: string, params: Record<string, string> = {}) =>
    RequestContextStore.run({ requestId: 'REQ-P' }, () => registry.invoke({ product: 'Ram', action, version: '2015-05-01', params, principal, context: { requestId: 'REQ-P', sourceIp: '127.0.0.1', secureTransport: true } }));
  return Object.assign(h, {
    module,
    registry,
    db,
    directory,
    events,
    invoke,
    errorOf: async (principal: CallerPrincipal, action: string, params?: Record<string, string>) => {
      try {
        await invoke(principal, action, params);
      } catch (e) {
        return (e as { code: string }).code;
      }
      throw new Error(`${action} succeeded`);
    },
    publishIdentity: (event: IdentityEvent, aggregateId: string, version: number, accountId: string) =>
      bus.publish([{ topic: Topics.identity, key: aggregateId, envelope: envelopeFor(event, { aggregateType: event.type.replace(/(Created|Updated|Deleted)$/, ''), aggregateId, aggregateVersion: version, accountId }) }]),
    settle: async () => {
      for (let i = 0; i < 200; i++) {
        if (Number((await db.manager.query('SELECT COUNT(*) AS n FROM outbox'))[0].n) === 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('outbox did not drain');
    },
    close: () => module.close(),
  });
}

export const rootOf = (accountId: string): CallerPrincipal => accountPrincipal(accountId, 'LTAIroottestkey000000000');

export const DOC = (action = 'ecs:Describe*'): string => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

let seq = 0;
/** Distinct 17-digit principal ids (beyond Number's safe range, hence BigInt). */
export const newPrincipalIdForTest = (): string => String(10n ** 16n * 5n + BigInt(++seq));

/** A user of the directory (its double answers for it) that policy knows from its UserCreated event. */
export async function userFromEvent(h: PolicyHarness, accountId: string, userName: string): Promise<string> {
  const userId = newPrincipalIdForTest();
  h.directory.set(directoryKey(accountId, 'User', userName), { accountId, principalType: 'User', principalId: userId, name: userName, version: 1 });
  await h.publishIdentity({ type: 'UserCreated', schemaVersion: 1, payload: { accountId, userId, userName, createDate: '2026-01-01T00:00:00Z', updateDate: '2026-01-01T00:00:00Z' } }, userId, 1, accountId);
  return userId;
}

export async function roleFromEvent(h: PolicyHarness, accountId: string, roleName: string): Promise<string> {
  const roleId = newPrincipalIdForTest();
  h.directory.set(directoryKey(accountId, 'Role', roleName), { accountId, principalType: 'Role', principalId: roleId, name: roleName, description: 'r', arn: `acs:ram::${accountId}:role/${roleName}`, version: 1 });
  const payload = { accountId, roleId, roleName, arn: `acs:ram::${accountId}:role/${roleName}`, description: 'r', assumeRolePolicyDocument: '{}', maxSessionDuration: 3600, createDate: '2026-01-01T00:00:00Z', updateDate: '2026-01-01T00:00:00Z' };
  await h.publishIdentity({ type: 'RoleCreated', schemaVersion: 1, payload }, roleId, 1, accountId);
  return roleId;
}
