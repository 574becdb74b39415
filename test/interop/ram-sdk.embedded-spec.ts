import { join } from 'node:path';
import Database from 'better-sqlite3';
import { waitUntil } from '../support/e2e-fleet';
import type { RamSdkTarget } from '../support/ram-sdk';
import { ramSdkScenarios } from '../support/ram-sdk.scenarios';
import { startEmbeddedProcess } from './support/embedded-process';

jest.setTimeout(60_000);

/**
 * The RAM directory through the unchanged `@alicloud/ram20150501` SDK against `npm start`'s process
 * (every service in one process, SQLite, in-process bus). Same scenarios as
 * test/e2e/directory-ram-sdk.e2e-spec.ts (distributed mode).
 */
describe('RAM SDK against the embedded process', () => {
  let embedded: Awaited<ReturnType<typeof startEmbeddedProcess>> | undefined;
  let target: RamSdkTarget;

  beforeAll(async () => {
    embedded = await startEmbeddedProcess();
    const policyDb = join(embedded.dataDir, 'data', 'policy.sqlite');
    target = {
      httpHost: embedded.httpHost,
      root: embedded.root,
      policyHasApplied: async (versions) => {
        // the in-process bus delivers after the commit, still asynchronously: wait for those versions
        await waitUntil(() => {
          const db = new Database(policyDb, { readonly: true, fileMustExist: true });
          try {
            const version = db.prepare('SELECT version FROM policy_principals WHERE principal_id = ?');
            return Object.entries(versions).every(([id, v]) => ((version.get(id) as { version: number } | undefined)?.version ?? 0) >= v);
          } finally {
            db.close();
          }
        }, 10_000, 20);
      },
    };
  }, 120_000);

  afterAll(async () => embedded?.stop());

  ramSdkScenarios(() => target);
});
