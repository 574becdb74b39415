import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ActionRegistry, InternalActionClient, OutboxRelay } from '@opensts/platform';
import { Topics } from '@opensts/sts-core/events';
import { accountPrincipal } from '@opensts/sts-core/principal';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from '../../../test/support/infra';
import { AccountService } from '../../identity-directory/src/directory/accounts/account.service';
import { IdentityDirectoryAppModule } from '../../identity-directory/src/identity-directory-app.module';
import { PolicyAppModule } from '../src/policy-app.module';
import { distributedConfig, fleetSettings, FleetSettings, RunningService, startService, waitFor } from './distributed-harness';

jest.setTimeout(180_000);

/** Every text of every row of every table of a database, as one string (a portable dump). */
async function dumpDatabase(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    const parts: string[] = [];
    for (const { table_name } of tables.rows as { table_name: string }[]) parts.push(JSON.stringify((await c.query(`SELECT * FROM "${table_name}"`)).rows));
    return parts.join('\n');
  } finally {
    await c.end();
  }
}

/** Every message (key, value, headers) on a topic from the beginning, read until `until` holds. */
async function readTopic(topic: string, until: (values: string[]) => boolean): Promise<string[]> {
  const kafka = new Kafka({ brokers: INFRA.kafkaBrokers, clientId: `it-reader-${uniqueSuffix()}`, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `it-reader-${uniqueSuffix()}` });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.push(`${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${JSON.stringify(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])))}`);
    },
  });
  try {
    await waitFor(async () => until(seen));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('identity-directory and policy over PostgreSQL, Kafka and mutual-TLS gRPC', () => {
  let settings: FleetSettings;
  let identityDb: { url: string; drop: () => Promise<void> };
  let policyDb: { url: string; drop: () => Promise<void> };
  let identity: RunningService;
  let policy: RunningService;
  let root: ReturnType<typeof accountPrincipal>;
  const stdout: string[] = [];
  let stdoutSpy: jest.SpyInstance;

  beforeAll(async () => {
    await requireInfra();
    [identityDb, policyDb] = await Promise.all([freshDatabase('identity'), freshDatabase('policy')]);
    settings = await fleetSettings(`it-dir-${uniqueSuffix()}.`);
    stdoutSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    identity = await startService('identity-directory', (c, l) => IdentityDirectoryAppModule.standalone(c, l), distributedConfig(settings, 'identity-directory', identityDb.url));
    policy = await startService('policy', (c, l) => PolicyAppModule.standalone(c, l), distributedConfig(settings, 'policy', policyDb.url));
    stdoutSpy.mockRestore();
    root = accountPrincipal((await identity.module.get(AccountService, { strict: false }).list())[0].accountId, 'LTAIbootstrap');
  });

  afterAll(async () => {
    stdoutSpy?.mockRestore();
    await policy?.close();
    await identity?.close();
    await identityDb?.drop();
    await policyDb?.drop();
  });

  const principalRow = async (principalId: string) => {
    const c = new Client({ connectionString: policyDb.url });
    await c.connect();
    try {
      return (await c.query('SELECT * FROM policy_principals WHERE principal_id = $1', [principalId])).rows[0] as { name: string; version: number; deleted: boolean } | undefined;
    } finally {
      await c.end();
    }
  };

  it('bootstrapped exactly one account and showed its key on stdout only', async () => {
    expect(await identity.module.get(AccountService, { strict: false }).count()).toBe(1);
    expect(stdout.join('')).toContain(`AccountId        ${root.accountId}`);
  });

  it("carries identity events through Kafka into policy's principal table", async () => {
    const user = (await identity.invoke(root, 'CreateUser', { UserName: 'via-kafka' })) as { User: { UserId: string } };
    const row = await waitFor(() => principalRow(user.User.UserId));
    expect(row).toMatchObject({ name: 'via-kafka', version: 1, deleted: false });
    await identity.invoke(root, 'UpdateUser', { UserName: 'via-kafka', NewUserName: 'renamed' });
    expect(await waitFor(async () => (await principalRow(user.User.UserId))?.name === 'renamed' && principalRow(user.User.UserId))).toMatchObject({ version: 2 });
  });

  it('attaches through the synchronous lookup when the event has not arrived, and refuses DeleteUser across services', async () => {
    const relay = identity.module.get(OutboxRelay, { strict: false });
    await relay.stop(); // hold identity's events back: policy can only learn of the user by asking
    const user = (await identity.invoke(root, 'CreateUser', { UserName: 'not-yet-published' })) as { User: { UserId: string } };
    expect(await principalRow(user.User.UserId)).toBeUndefined();
    await policy.invoke(root, 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'not-yet-published' });
    expect(await principalRow(user.User.UserId)).toMatchObject({ name: 'not-yet-published', version: 1 });
    await expect(identity.invoke(root, 'DeleteUser', { UserName: 'not-yet-published' })).rejects.toMatchObject({ code: 'DeleteConflict.User.Policy' });
    await expect(policy.invoke(root, 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'nobody-at-all' })).rejects.toMatchObject({ code: 'EntityNotExist.User' });
    relay.start();
    await policy.invoke(root, 'DetachPolicyFromUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'not-yet-published' });
    await identity.invoke(root, 'DeleteUser', { UserName: 'not-yet-published' });
    expect(await waitFor(async () => (await principalRow(user.User.UserId))?.deleted && principalRow(user.User.UserId))).toMatchObject({ deleted: true, version: 2 });
  });

  it('serves the policy queries on PostgreSQL: paging, attachment counts, versions', async () => {
    const doc = (a: string) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] });
    for (const n of ['PgB', 'PgA']) await policy.invoke(root, 'CreatePolicy', { PolicyName: n, PolicyDocument: doc('ecs:Get*') });
    await policy.invoke(root, 'CreatePolicyVersion', { PolicyName: 'PgA', PolicyDocument: doc('ecs:*'), SetAsDefault: 'true' });
    await identity.invoke(root, 'CreateUser', { UserName: 'pg-user' });
    await policy.invoke(root, 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'PgA', UserName: 'pg-user' });
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = (await policy.invoke(root, 'ListPolicies', { MaxItems: '2', ...(marker ? { Marker: marker } : {}) })) as { IsTruncated: boolean; Marker?: string; Policies: { Policy: { PolicyName: string; AttachmentCount: number }[] } };
      names.push(...page.Policies.Policy.map((p) => `${p.PolicyName}:${p.AttachmentCount}`));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(names.slice(0, 2)).toEqual(['PgA:1', 'PgB:0']);
    expect(names).toHaveLength(7);
    const got = (await policy.invoke(root, 'GetPolicy', { PolicyName: 'pga', PolicyType: 'Custom' })) as { Policy: { DefaultVersion: string; AttachmentCount: number } };
    expect(got.Policy).toMatchObject({ DefaultVersion: 'v2', AttachmentCount: 1 });
    await expect(policy.invoke(root, 'DeletePolicy', { PolicyName: 'PgA' })).rejects.toMatchObject({ code: 'DeleteConflict.Policy.User' });
    await policy.invoke(root, 'DeletePolicy', { PolicyName: 'PgA', CascadingDelete: 'true' });
    expect(((await policy.invoke(root, 'ListPoliciesForUser', { UserName: 'pg-user' })) as { Policies: { Policy: unknown[] } }).Policies.Policy).toEqual([]);
  });

  it('accepts internal actions only from the services named for them', async () => {
    const gatewayCfg = distributedConfig(settings, 'gateway', policyDb.url);
    const asGateway = new InternalActionClient(gatewayCfg, new ActionRegistry(), 'gateway');
    try {
      await expect(asGateway.call('identity-directory', 'LookupPrincipal', { AccountId: root.accountId, PrincipalType: 'User', PrincipalName: 'renamed' })).rejects.toMatchObject({ code: 'Forbidden.RAM' });
      await expect(asGateway.call('policy', 'CountPrincipalAttachments', { AccountId: root.accountId, PrincipalType: 'User', PrincipalId: '1' })).rejects.toMatchObject({ code: 'Forbidden.RAM' });
    } finally {
      asGateway.onApplicationShutdown();
    }
  });

  it('never shows an AccessKey secret in clear in the logs, the databases or the Kafka topic', async () => {
    await identity.invoke(root, 'CreateUser', { UserName: 'keyholder' });
    const created = (await identity.invoke(root, 'CreateAccessKey', { UserName: 'keyholder' })) as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } };
    const { AccessKeyId, AccessKeySecret } = created.AccessKey;
    const bootstrapSecret = /AccessKeySecret\s+([0-9A-Za-z]{30})/.exec(stdout.join(''))![1];
    const topic = await readTopic(`${settings.namespace}${Topics.identity}`, (values) => values.some((v) => v.includes(`"accessKeyId":"${AccessKeyId}"`)));
    const haystacks = {
      logs: [...identity.logs, ...policy.logs].join('\n'),
      identityDatabase: await dumpDatabase(identityDb.url),
      policyDatabase: await dumpDatabase(policyDb.url),
      kafkaTopic: topic.join('\n'),
    };
    // the checks would be vacuous if the places searched were empty
    expect(haystacks.identityDatabase).toContain(AccessKeyId);
    expect(haystacks.kafkaTopic).toContain(AccessKeyId);
    expect(haystacks.logs.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      expect({ where, hits: text.split(AccessKeySecret).length - 1 }).toEqual({ where, hits: 0 });
      expect({ where, bootstrapHits: text.split(bootstrapSecret).length - 1 }).toEqual({ where, bootstrapHits: 0 });
    }
  });
});
