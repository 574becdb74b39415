import * as $Ram from '@alicloud/ram20150501';
import { ramClient } from '../interop/support/sdk-clients';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import type { RamSdkTarget } from '../support/ram-sdk';
import { ramSdkScenarios } from '../support/ram-sdk.scenarios';

const OFFSET = 5000;

/**
 * The RAM directory through the unchanged `@alicloud/ram20150501` SDK against the distributed mode:
 * the whole fleet, identity-directory and policy each their own process and database, reached by
 * the gateway over mutual-TLS gRPC, their events over the real Kafka broker. Same scenarios as
 * test/interop/ram-sdk.embedded-spec.ts.
 */
describe('RAM SDK against the distributed directory services', () => {
  let t: TestFleet;
  let target: RamSdkTarget;

  beforeAll(async () => {
    t = await createTestFleet('dir_ram', OFFSET);
    await t.fleet.startAll();
    const httpHost = `127.0.0.1:${t.fleet.port('gateway', 'http')}`;
    // the gateway learns the bootstrap root key from identity-directory's events: wait for that state
    await waitUntil(() => ramClient(httpHost, TEST_ROOT).listUsers(new $Ram.ListUsersRequest({})).then(() => true, () => false), 60_000, 100);
    target = {
      httpHost,
      root: TEST_ROOT,
      policyHasApplied: async (versions) => {
        // identity events reach policy through Kafka: wait until its read model holds those versions
        const ids = Object.keys(versions);
        await waitUntil(async () => {
          const rows = await t.query('policy', 'SELECT principal_id, version FROM policy_principals WHERE principal_id = ANY($1)', [ids]);
          return ids.every((id) => rows.some((r) => r.principal_id === id && Number(r.version) >= versions[id]));
        }, 10_000, 20);
      },
    };
  }, 120_000);

  afterAll(async () => t?.teardown());

  ramSdkScenarios(() => target);
});
