import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { ActionBody, ActionRegistry, CoreModule, createLogger, Database, EventBus, InternalCall, loadConfig, Product, RequestContextStore } from '@opensts/platform';
import { EventEnvelope, Topics } from '@opensts/sts-core/events';
import { DEFAULT_DIRECTORY_LIMITS, DIRECTORY_LIMITS, DirectoryLimits } from '../src/identity-directory.constants';
import { accountPrincipal, CallerPrincipal } from '@opensts/sts-core/principal';
import { AccountService } from '../src/directory/accounts/account.service';
import { IdentityDirectoryModule } from '../src/identity-directory-app.module';

export interface IdentityHarness {
  module: TestingModule;
  registry: ActionRegistry;
  db: Database;
  dataDir: string;
  accounts: AccountService;
  /** Every identity event relayed so far, in publish order. */
  events: EventEnvelope[];
  /** Invokes an action as the gateway would, for `principal`. */
  invoke(principal: CallerPrincipal, action: string, params?: Record<string, string>, product?: Product): Promise<ActionBody>;
  /** The StsError code an action fails with (throws if it succeeds). */
  errorOf(principal: CallerPrincipal, action: string, params?: Record<string, string>, product?: Product): Promise<string>;
  /** Resolves once the outbox is empty (every event relayed). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * identity-directory alone over SQLite with the in-process bus. The policy service's internal
 * CountPrincipalAttachments is answered by `attachments` (a test double), unless `withoutPolicy`.
 */
export async function startIdentity(options: { env?: Record<string, string>; dataDir?: string; limits?: Partial<DirectoryLimits>; attachments?: (call: InternalCall) => number; withoutPolicy?: boolean } = {}): Promise<IdentityHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'opensts-identity-'));
  const config = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: dataDir, ...options.env });
  const module = await Test.createTestingModule({
    imports: [CoreModule.forRoot({ config, logger: createLogger('identity-test', 'silent'), clientId: 'opensts-test' }), IdentityDirectoryModule.register()],
  })
    .overrideProvider(DIRECTORY_LIMITS)
    .useValue({ ...DEFAULT_DIRECTORY_LIMITS, ...options.limits })
    .compile();
  const registry = module.get(ActionRegistry);
  const events: EventEnvelope[] = [];
  await module.get(EventBus).subscribe({ group: 'test', topics: [Topics.identity], handler: async (m) => void events.push(m.envelope) });
  if (!options.withoutPolicy) registry.registerInternal('CountPrincipalAttachments', ['identity-directory'], async (call) => ({ Count: options.attachments?.(call) ?? 0 }));
  await module.init();
  const db = module.get(Database, { strict: false });
  const invoke = (principal: CallerPrincipal, action: string, params: Record<string, string> = {}, product: Product = 'Ram') =>
    RequestContextStore.run({ requestId: 'REQ-TEST' }, () => registry.invoke({ product, action, version: product === 'Ims' ? '2019-08-15' : '2015-05-01', params, principal, context: { requestId: 'REQ-TEST', sourceIp: '127.0.0.1', secureTransport: true } }));
  return {
    module,
    registry,
    db,
    dataDir,
    accounts: module.get(AccountService, { strict: false }),
    events,
    invoke,
    errorOf: async (principal, action, params, product) => {
      try {
        await invoke(principal, action, params, product);
      } catch (e) {
        return (e as { code: string }).code;
      }
      throw new Error(`${action} succeeded`);
    },
    settle: async () => {
      for (let i = 0; i < 200; i++) {
        if (Number((await db.manager.query('SELECT COUNT(*) AS n FROM outbox'))[0].n) === 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('outbox did not drain');
    },
    close: () => module.close(),
  };
}

export const rootOf = (accountId: string): CallerPrincipal => accountPrincipal(accountId, 'LTAIroottestkey000000000');

export const TRUST_POLICY = JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: ['acs:ram::1234567890123456:root'] } }], Version: '1' });
