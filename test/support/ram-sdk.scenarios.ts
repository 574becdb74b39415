import * as $Ram from '@alicloud/ram20150501';
import { ramClient } from '../interop/support/sdk-clients';
import { allow, DATE, sdkErrorOf, trustAccounts, type RamSdkTarget } from './ram-sdk';
import { nameHandoverScenario } from './ram-sdk-handover.scenario';

/**
 * The RAM directory driven only through `@alicloud/ram20150501` (V3 signatures, the SDK's default)
 * with the account's root key: every success shape the SDK reads and every refusal with its code
 * and 4xx status. Each flow writes and then reads in the service that owns the data, or crosses
 * identity-directory ↔ policy where ADR 0007 makes that consistent — so no flow here waits.
 */
export function ramSdkScenarios(target: () => RamSdkTarget): void {
  const ram = () => ramClient(target().httpHost, target().root);
  const accountId = () => target().root.accountId;

  it('users: CreateUser, GetUser, ListUsers; a duplicate name (any case) is EntityAlreadyExists.User 409, a missing user EntityNotExist.User 404', async () => {
    const created = await ram().createUser(new $Ram.CreateUserRequest({ userName: 'sdk-dev', displayName: 'SDK developer', comments: 'made by ram20150501' }));
    expect(created.statusCode).toBe(200);
    expect(created.body!.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const user = created.body!.user!;
    expect(user).toMatchObject({ userName: 'sdk-dev', displayName: 'SDK developer', comments: 'made by ram20150501', userId: expect.stringMatching(/^\d+$/), createDate: expect.stringMatching(DATE) });
    expect((await ram().getUser(new $Ram.GetUserRequest({ userName: 'SDK-Dev' }))).body!.user).toMatchObject({ userId: user.userId, userName: 'sdk-dev', updateDate: expect.stringMatching(DATE) });
    expect((await ram().listUsers(new $Ram.ListUsersRequest({}))).body!.users!.user!.map((u) => u.userName)).toContain('sdk-dev');

    expect(await sdkErrorOf(() => ram().createUser(new $Ram.CreateUserRequest({ userName: 'SDK-DEV' })))).toEqual({ code: 'EntityAlreadyExists.User', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().getUser(new $Ram.GetUserRequest({ userName: 'sdk-nobody' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-nobody' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().createUser(new $Ram.CreateUserRequest({ userName: 'no spaces' })))).toEqual({ code: 'InvalidParameter.UserName.InvalidChars', statusCode: 400 });
  });

  it('AccessKeys: two per user, the secret only in CreateAccessKey; a third is LimitExceeded.User.AccessKey 409', async () => {
    await ram().createUser(new $Ram.CreateUserRequest({ userName: 'sdk-keys' }));
    const create = () => ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'sdk-keys' }));
    const first = (await create()).body!.accessKey!;
    const second = (await create()).body!.accessKey!;
    for (const k of [first, second]) expect(k).toMatchObject({ accessKeyId: expect.stringMatching(/^LTAI[0-9A-Za-z]+$/), accessKeySecret: expect.stringMatching(/^[0-9A-Za-z]{30}$/), status: 'Active', createDate: expect.stringMatching(DATE) });
    expect(await sdkErrorOf(create)).toEqual({ code: 'LimitExceeded.User.AccessKey', statusCode: 409 });

    await ram().updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'sdk-keys', userAccessKeyId: second.accessKeyId, status: 'Inactive' }));
    const listed = (await ram().listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'sdk-keys' }))).body!.accessKeys!.accessKey!;
    expect(listed.map((k) => [k.accessKeyId, k.status]).sort()).toEqual([[first.accessKeyId, 'Active'], [second.accessKeyId, 'Inactive']].sort());
    expect(await sdkErrorOf(() => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-keys' })))).toEqual({ code: 'DeleteConflict.User.AccessKey', statusCode: 409 });

    for (const k of [first, second]) await ram().deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'sdk-keys', userAccessKeyId: k.accessKeyId }));
    expect(await sdkErrorOf(() => ram().deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'sdk-keys', userAccessKeyId: first.accessKeyId })))).toEqual({ code: 'EntityNotExist.User.AccessKey', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'sdk-nobody' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
    await ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-keys' }));
  });

  it('roles: CreateRole with a trust policy, GetRole, ListRoles; a bad trust policy is MalformedPolicyDocument 400, a duplicate EntityAlreadyExists.Role 409, a missing role EntityNotExist.Role 404', async () => {
    const trust = trustAccounts(accountId());
    const created = (await ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'sdk-deployer', assumeRolePolicyDocument: trust, description: 'deploys', maxSessionDuration: 7200 }))).body!.role!;
    expect(created).toMatchObject({ roleName: 'sdk-deployer', arn: `acs:ram::${accountId()}:role/sdk-deployer`, description: 'deploys', maxSessionDuration: 7200, roleId: expect.stringMatching(/^\d+$/), createDate: expect.stringMatching(DATE) });
    const got = (await ram().getRole(new $Ram.GetRoleRequest({ roleName: 'SDK-DEPLOYER' }))).body!.role!;
    expect(got).toMatchObject({ roleId: created.roleId, arn: created.arn, maxSessionDuration: 7200 });
    // the service may re-serialise the document (ram-api.md §4): compare what it means
    expect(JSON.parse(got.assumeRolePolicyDocument!)).toEqual(JSON.parse(trust));
    expect((await ram().listRoles(new $Ram.ListRolesRequest({}))).body!.roles!.role!.map((r) => r.roleName)).toContain('sdk-deployer');

    for (const bad of ['{"Statement":', JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }), JSON.stringify({ Version: '1', Statement: [{ Effect: 'Maybe', Action: 'sts:AssumeRole', Principal: { RAM: ['*'] } }] })]) {
      expect(await sdkErrorOf(() => ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'sdk-malformed', assumeRolePolicyDocument: bad })))).toEqual({ code: 'MalformedPolicyDocument', statusCode: 400 });
    }
    expect(await sdkErrorOf(() => ram().getRole(new $Ram.GetRoleRequest({ roleName: 'sdk-malformed' })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().updateRole(new $Ram.UpdateRoleRequest({ roleName: 'sdk-deployer', newAssumeRolePolicyDocument: '[]' })))).toEqual({ code: 'MalformedPolicyDocument', statusCode: 400 });
    expect(await sdkErrorOf(() => ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'Sdk-Deployer', assumeRolePolicyDocument: trust })))).toEqual({ code: 'EntityAlreadyExists.Role', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'sdk-nobody' })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
  });

  it('policies: CreatePolicy, CreatePolicyVersion with SetAsDefault, GetPolicy shows the new default, ListPolicyVersions; a sixth version is LimitExceeded.Policy.Version 409', async () => {
    const v1 = allow('oss:GetObject', 'acs:oss:*:*:sdk-bucket/*');
    const v2 = allow('oss:PutObject', 'acs:oss:*:*:sdk-bucket/*');
    const created = (await ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'sdk-artifacts', policyDocument: v1, description: 'artifacts' }))).body!.policy!;
    expect(created).toMatchObject({ policyName: 'sdk-artifacts', policyType: 'Custom', defaultVersion: 'v1', description: 'artifacts', createDate: expect.stringMatching(DATE) });

    const second = (await ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'sdk-artifacts', policyDocument: v2, setAsDefault: true }))).body!.policyVersion!;
    expect(second).toMatchObject({ versionId: 'v2', isDefaultVersion: true, createDate: expect.stringMatching(DATE) });
    expect(JSON.parse(second.policyDocument!)).toEqual(JSON.parse(v2));
    const got = (await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-artifacts', policyType: 'Custom' }))).body!;
    expect(got.policy).toMatchObject({ policyName: 'sdk-artifacts', policyType: 'Custom', defaultVersion: 'v2', attachmentCount: 0 });
    expect(got.defaultPolicyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: true });
    expect(JSON.parse(got.defaultPolicyVersion!.policyDocument!)).toEqual(JSON.parse(v2));
    const listVersions = async () => (await ram().listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: 'sdk-artifacts', policyType: 'Custom' }))).body!.policyVersions!.policyVersion!.map((v) => [v.versionId, v.isDefaultVersion]);
    expect(await listVersions()).toEqual([['v1', false], ['v2', true]]);

    for (const n of [3, 4, 5]) {
      const v = (await ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'sdk-artifacts', policyDocument: allow(`oss:Get${n}*`) }))).body!.policyVersion!;
      expect(v).toMatchObject({ versionId: `v${n}`, isDefaultVersion: false });
    }
    const sixth = () => ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'sdk-artifacts', policyDocument: allow('oss:List*'), setAsDefault: true }));
    expect(await sdkErrorOf(sixth)).toEqual({ code: 'LimitExceeded.Policy.Version', statusCode: 409 });
    expect(await listVersions()).toEqual([['v1', false], ['v2', true], ['v3', false], ['v4', false], ['v5', false]]);
    expect((await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-artifacts', policyType: 'Custom' }))).body!.policy!.defaultVersion).toBe('v2');

    await ram().setDefaultPolicyVersion(new $Ram.SetDefaultPolicyVersionRequest({ policyName: 'sdk-artifacts', versionId: 'v1' }));
    expect((await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-artifacts', policyType: 'Custom' }))).body!.defaultPolicyVersion).toMatchObject({ versionId: 'v1', isDefaultVersion: true });
    expect(await sdkErrorOf(() => ram().deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: 'sdk-artifacts', versionId: 'v1' })))).toEqual({ code: 'DeleteConflict.Policy.Version.Default', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'sdk-artifacts' })))).toEqual({ code: 'DeleteConflict.Policy.Version', statusCode: 409 });

    expect(await sdkErrorOf(() => ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'SDK-ARTIFACTS', policyDocument: v1 })))).toEqual({ code: 'EntityAlreadyExists.Policy', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'sdk-malformed', policyDocument: '{"Version":"1","Statement":[{"Effect":"Allow"}]}' })))).toEqual({ code: 'MalformedPolicyDocument', statusCode: 400 });
    expect(await sdkErrorOf(() => ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-malformed', policyType: 'Custom' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'sdk-nothing', policyDocument: v1 })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });

    await ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'sdk-artifacts', cascadingDelete: true }));
    expect(await sdkErrorOf(() => ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-artifacts', policyType: 'Custom' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
  });

  it('attachments: AttachPolicyToUser/Role, ListPoliciesForUser/Role; deletes refused while attached (DeleteConflict.Policy.User, .Policy.Role, .User.Policy, .Role.Policy); DetachPolicyFromUser/Role, then every delete goes through', async () => {
    // created and attached in the next requests: policy learns the new user and role by a synchronous lookup (ADR 0007)
    await ram().createUser(new $Ram.CreateUserRequest({ userName: 'sdk-attached' }));
    await ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'sdk-attached-role', assumeRolePolicyDocument: trustAccounts(accountId()) }));
    await ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'sdk-shared', policyDocument: allow('ecs:Describe*'), description: 'shared' }));
    const toUser = (policyType: string, policyName: string, userName = 'sdk-attached') => new $Ram.AttachPolicyToUserRequest({ policyType, policyName, userName });
    const toRole = (policyType: string, policyName: string, roleName = 'sdk-attached-role') => new $Ram.AttachPolicyToRoleRequest({ policyType, policyName, roleName });
    await ram().attachPolicyToUser(toUser('Custom', 'sdk-shared'));
    await ram().attachPolicyToUser(toUser('System', 'AliyunSTSAssumeRoleAccess'));
    await ram().attachPolicyToRole(toRole('Custom', 'sdk-shared'));

    const forUser = async () => (await ram().listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'sdk-attached' }))).body!.policies!.policy!;
    const forRole = async () => (await ram().listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: 'sdk-attached-role' }))).body!.policies!.policy!;
    expect(await forUser()).toEqual([
      expect.objectContaining({ policyName: 'sdk-shared', policyType: 'Custom', defaultVersion: 'v1', description: 'shared', attachDate: expect.stringMatching(DATE) }),
      expect.objectContaining({ policyName: 'AliyunSTSAssumeRoleAccess', policyType: 'System' }),
    ]);
    expect((await forRole()).map((p) => [p.policyName, p.policyType])).toEqual([['sdk-shared', 'Custom']]);
    expect((await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-shared', policyType: 'Custom' }))).body!.policy!.attachmentCount).toBe(2);

    expect(await sdkErrorOf(() => ram().attachPolicyToUser(toUser('Custom', 'sdk-shared')))).toEqual({ code: 'EntityAlreadyExists.User.Policy', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().attachPolicyToUser(toUser('Custom', 'sdk-no-such-policy')))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().attachPolicyToUser(toUser('Custom', 'sdk-shared', 'sdk-nobody')))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().attachPolicyToRole(toRole('Custom', 'sdk-shared', 'sdk-nobody')))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'sdk-nobody' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });

    expect(await sdkErrorOf(() => ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'sdk-shared' })))).toEqual({ code: 'DeleteConflict.Policy.User', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-attached' })))).toEqual({ code: 'DeleteConflict.User.Policy', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'sdk-attached-role' })))).toEqual({ code: 'DeleteConflict.Role.Policy', statusCode: 409 });

    await ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ policyType: 'Custom', policyName: 'sdk-shared', userName: 'sdk-attached' }));
    expect(await sdkErrorOf(() => ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'sdk-shared' })))).toEqual({ code: 'DeleteConflict.Policy.Role', statusCode: 409 });
    expect(await sdkErrorOf(() => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-attached' })))).toEqual({ code: 'DeleteConflict.User.Policy', statusCode: 409 });
    await ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'sdk-attached' }));
    await ram().detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ policyType: 'Custom', policyName: 'sdk-shared', roleName: 'sdk-attached-role' }));
    expect(await sdkErrorOf(() => ram().detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ policyType: 'Custom', policyName: 'sdk-shared', roleName: 'sdk-attached-role' })))).toEqual({ code: 'EntityNotExist.Role.Policy', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ policyType: 'Custom', policyName: 'sdk-shared', userName: 'sdk-attached' })))).toEqual({ code: 'EntityNotExist.User.Policy', statusCode: 404 });
    expect(await forUser()).toEqual([]);
    expect(await forRole()).toEqual([]);

    await ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'sdk-shared' }));
    await ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-attached' }));
    await ram().deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'sdk-attached-role' }));
    expect(await sdkErrorOf(() => ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-shared', policyType: 'Custom' })))).toEqual({ code: 'EntityNotExist.Policy', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().getUser(new $Ram.GetUserRequest({ userName: 'sdk-attached' })))).toEqual({ code: 'EntityNotExist.User', statusCode: 404 });
    expect(await sdkErrorOf(() => ram().getRole(new $Ram.GetRoleRequest({ roleName: 'sdk-attached-role' })))).toEqual({ code: 'EntityNotExist.Role', statusCode: 404 });
  });

  nameHandoverScenario(target);
}
