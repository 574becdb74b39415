import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { ramClient, stsClient, type SdkCredentials } from '../interop/support/sdk-clients';
import { createTestFleet, TEST_ROOT, TestFleet, waitUntil } from '../support/e2e-fleet';
import { createAccount } from '../support/operator-cli';
import { allow, sdkErrorOf, trustAccounts } from '../support/ram-sdk';

const OFFSET = 5600;
const B_ACCOUNT = '6543210987654321';

/**
 * Two accounts on one distributed deployment, driven only through the gateway with the official
 * SDKs: account A (the bootstrap account) and account B (made by the operator CLI). Nothing of B
 * can be read, attached, changed, deleted or assumed from A — by A's administrators or A's root —
 * except a role whose trust policy B wrote to name A, and only while it does.
 */
describe('account isolation through the gateway (distributed)', () => {
  let t: TestFleet;
  let host: string;
  let bRoot: SdkCredentials;
  let aAdmin: SdkCredentials;
  const A = TEST_ROOT.accountId;
  const ramAs = (c: SdkCredentials) => ramClient(host, c);
  const assume = (c: SdkCredentials, roleArn: string, roleSessionName = 'from-a') => stsClient(host, c).assumeRole(new $Sts.AssumeRoleRequest({ roleArn, roleSessionName, durationSeconds: 900 }));
  const roleOfB = (name: string) => `acs:ram::${B_ACCOUNT}:role/${name}`;
  const knowsKey = (c: SdkCredentials) => waitUntil(() => stsClient(host, c).getCallerIdentity().then(() => true, () => false), 30_000, 50);

  beforeAll(async () => {
    t = await createTestFleet('dir_isolation', OFFSET);
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'gateway'] as const) await t.fleet.start(s);
    host = `127.0.0.1:${t.fleet.port('gateway', 'http')}`;
    const b = await createAccount(t, B_ACCOUNT);
    expect(b.accountId).toBe(B_ACCOUNT);
    bRoot = { accessKeyId: b.accessKeyId, accessKeySecret: b.accessKeySecret };
    // both root keys reach the gateway by Kafka (B's from the CLI's outbox rows, published by the running service)
    await knowsKey(TEST_ROOT);
    await knowsKey(bRoot);

    // account B: a user with B's custom policy, a role only B may assume, a role B lets A assume
    const ramB = ramAs(bRoot);
    await ramB.createUser(new $Ram.CreateUserRequest({ userName: 'b-user' }));
    await ramB.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'b-user' }));
    await ramB.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'b-policy', policyDocument: allow('oss:*') }));
    await ramB.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'b-policy', userName: 'b-user' }));
    await ramB.createRole(new $Ram.CreateRoleRequest({ roleName: 'b-private', assumeRolePolicyDocument: trustAccounts(B_ACCOUNT) }));
    await ramB.createRole(new $Ram.CreateRoleRequest({ roleName: 'b-shared', assumeRolePolicyDocument: trustAccounts(A) }));
    // the same policy name may exist in both accounts
    await ramB.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'same-name', policyDocument: allow('oss:GetObject') }));

    // account A: an administrator with a key (AdministratorAccess allows sts:AssumeRole on anything)
    const ramA = ramAs(TEST_ROOT);
    await ramA.createUser(new $Ram.CreateUserRequest({ userName: 'a-admin' }));
    await ramA.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AdministratorAccess', userName: 'a-admin' }));
    await ramA.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'same-name', policyDocument: allow('ecs:Describe*') }));
    const k = (await ramA.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'a-admin' }))).body!.accessKey!;
    aAdmin = { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! };
    await knowsKey(aAdmin);
    // the administrator's attachment reaches the gateway by Kafka: wait until it may read its own account
    await waitUntil(() => ramAs(aAdmin).listUsers(new $Ram.ListUsersRequest({})).then(() => true, () => false), 30_000, 50);
    // B's roles reach token-issuance by Kafka: wait until neither is unknown there any more
    for (const role of ['b-private', 'b-shared']) {
      await waitUntil(() => assume(aAdmin, roleOfB(role)).then(() => true, (e: { code?: string }) => e.code !== 'EntityNotExist.Role'), 30_000, 50);
    }
  }, 120_000);

  afterAll(async () => t?.teardown());

  describe.each([
    ['a RAM user of A with AdministratorAccess', () => aAdmin],
    ["A's root key", () => TEST_ROOT as SdkCredentials],
  ])('%s', (_who, caller: () => SdkCredentials) => {
    const ram = () => ramAs(caller());

    it("reads nothing of B: Get* answer EntityNotExist, List* show only A's own", async () => {
      expect(await sdkErrorOf(() => ram().getUser(new $Ram.GetUserRequest({ userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().getRole(new $Ram.GetRoleRequest({ roleName: 'b-private' })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'b-policy', policyType: 'Custom' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().listEntitiesForPolicy(new $Ram.ListEntitiesForPolicyRequest({ policyName: 'b-policy', policyType: 'Custom' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });

      expect((await ram().listUsers(new $Ram.ListUsersRequest({}))).body!.users!.user!.map((u) => u.userName)).toEqual(['a-admin']);
      expect((await ram().listRoles(new $Ram.ListRolesRequest({}))).body!.roles!.role!).toEqual([]);
      const custom = (await ram().listPolicies(new $Ram.ListPoliciesRequest({ policyType: 'Custom' }))).body!.policies!.policy!;
      expect(custom.map((p) => p.policyName)).toEqual(['same-name']);
      const mine = (await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'same-name', policyType: 'Custom' }))).body!.defaultPolicyVersion!;
      expect(JSON.parse(mine.policyDocument!)).toEqual(JSON.parse(allow('ecs:Describe*')));
      expect((await stsClient(host, caller()).getCallerIdentity()).body!.accountId).toBe(A);
    });

    it("attaches, changes and deletes nothing of B", async () => {
      expect(await sdkErrorOf(() => ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'b-policy', userName: 'a-admin' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'ReadOnlyAccess', userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AdministratorAccess', roleName: 'b-shared' })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ policyType: 'Custom', policyName: 'b-policy', userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'b-policy', policyDocument: allow('*'), setAsDefault: true })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().updateRole(new $Ram.UpdateRoleRequest({ roleName: 'b-private', newAssumeRolePolicyDocument: trustAccounts(A) })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().updateUser(new $Ram.UpdateUserRequest({ userName: 'b-user', newDisplayName: 'taken over' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      // B's root key, named by its id: A's own keys are searched (the root's, or the calling user's), not B's
      expect(await sdkErrorOf(() => ram().updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userAccessKeyId: bRoot.accessKeyId, status: 'Inactive' })))).toEqual({ code: 'EntityNotExist.User.AccessKey', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userAccessKeyId: bRoot.accessKeyId })))).toEqual({ code: 'EntityNotExist.User.AccessKey', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'b-user' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'b-private' })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
      expect(await sdkErrorOf(() => ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'b-policy', cascadingDelete: true })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });

      // B still has all of it, unchanged
      const ramB = ramAs(bRoot);
      expect((await ramB.getUser(new $Ram.GetUserRequest({ userName: 'b-user' }))).body!.user!.displayName).toBeUndefined();
      expect((await ramB.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'b-user' }))).body!.policies!.policy!.map((p) => p.policyName)).toEqual(['b-policy']);
      expect((await ramB.listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: 'b-policy', policyType: 'Custom' }))).body!.policyVersions!.policyVersion!.map((v) => v.versionId)).toEqual(['v1']);
      expect(JSON.parse((await ramB.getRole(new $Ram.GetRoleRequest({ roleName: 'b-private' }))).body!.role!.assumeRolePolicyDocument!)).toEqual(JSON.parse(trustAccounts(B_ACCOUNT)));
      expect((await ramB.listAccessKeys(new $Ram.ListAccessKeysRequest({}))).body!.accessKeys!.accessKey!).toEqual([expect.objectContaining({ accessKeyId: bRoot.accessKeyId, status: 'Active' })]);
      expect((await ramB.listRoles(new $Ram.ListRolesRequest({}))).body!.roles!.role!.map((r) => r.roleName).sort()).toEqual(['b-private', 'b-shared']);
    });

    it("assumes no role of B that trusts only B: NoPermission 403", async () => {
      expect(await sdkErrorOf(() => assume(caller(), roleOfB('b-private')))).toEqual({ code: 'NoPermission', statusCode: 403 });
    });
  });

  it("A's root assumes no role at all, not even the one B lets A assume (roles are not for root accounts)", async () => {
    expect(await sdkErrorOf(() => assume(TEST_ROOT, roleOfB('b-shared')))).toEqual({ code: 'NoPermission', statusCode: 403 });
  });

  it("a user of A assumes B's role that trusts A's account, and lands in B — only while B's trust policy says so", async () => {
    const res = await assume(aAdmin, roleOfB('b-shared'), 'cross-account');
    expect(res.body!.assumedRoleUser!.arn).toBe(`${roleOfB('b-shared')}/cross-account`);
    const c = res.body!.credentials!;
    const session = { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! };
    expect((await stsClient(host, session).getCallerIdentity()).body).toMatchObject({ identityType: 'AssumedRoleUser', accountId: B_ACCOUNT, arn: `acs:ram::${B_ACCOUNT}:assumed-role/b-shared/cross-account` });
    // the session carries b-shared's permissions in B (none attached), nothing of A's administrator
    expect(await sdkErrorOf(() => ramAs(session).listUsers(new $Ram.ListUsersRequest({})))).toEqual({ code: 'NoPermission', statusCode: 403 });

    // B withdraws its consent; the change reaches token-issuance by Kafka, then A is refused
    await ramAs(bRoot).updateRole(new $Ram.UpdateRoleRequest({ roleName: 'b-shared', newAssumeRolePolicyDocument: trustAccounts(B_ACCOUNT) }));
    await waitUntil(() => assume(aAdmin, roleOfB('b-shared')).then(() => false, () => true), 5_000, 20);
    expect(await sdkErrorOf(() => assume(aAdmin, roleOfB('b-shared')))).toEqual({ code: 'NoPermission', statusCode: 403 });
  });
});
