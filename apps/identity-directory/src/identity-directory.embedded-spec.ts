import { loadMasterKeyRing, loadConfig } from '@opensts/platform';
import { parseSealedSecret, SecretBox } from '@opensts/sts-core/crypto';
import { assumedRolePrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { IdentityHarness, rootOf, startIdentity, TRUST_POLICY } from '../test/identity-harness';
import { IdentityDirectoryModule } from './identity-directory-app.module';

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe(IdentityDirectoryModule.name, () => {
  let sut: IdentityHarness;
  let attachmentCount = 0;
  let A: string;
  let B: string;

  beforeAll(async () => {
    sut = await startIdentity({ attachments: () => attachmentCount, limits: { usersPerAccount: 12 } });
    A = (await sut.accounts.create()).accountId;
    B = (await sut.accounts.create()).accountId;
  });
  afterAll(() => sut.close());
  beforeEach(() => {
    attachmentCount = 0;
  });

  describe('users', () => {
    it('creates, reads, renames and deletes a user with the RAM shapes', async () => {
      const created = (await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'alice', DisplayName: 'Alice', Email: 'alice@example.com', MobilePhone: '86-18600008888', Comments: 'first' })) as { User: Record<string, string> };
      expect(created.User).toMatchObject({ UserName: 'alice', DisplayName: 'Alice', Email: 'alice@example.com', MobilePhone: '86-18600008888', Comments: 'first' });
      expect(created.User.UserId).toMatch(/^[1-9]\d{16,18}$/);
      expect(created.User.CreateDate).toMatch(DATE);
      expect(created.User).not.toHaveProperty('UpdateDate');
      const got = (await sut.invoke(rootOf(A), 'GetUser', { UserName: 'ALICE' })) as { User: Record<string, string> };
      expect(got.User).toMatchObject({ UserId: created.User.UserId, UserName: 'alice', UpdateDate: expect.stringMatching(DATE) });
      const renamed = (await sut.invoke(rootOf(A), 'UpdateUser', { UserName: 'alice', NewUserName: 'alice2', NewComments: 'renamed' })) as { User: Record<string, string> };
      expect(renamed.User).toMatchObject({ UserName: 'alice2', Comments: 'renamed', UserId: created.User.UserId });
      expect(await sut.errorOf(rootOf(A), 'GetUser', { UserName: 'alice' })).toBe('EntityNotExist.User');
      expect(await sut.invoke(rootOf(A), 'DeleteUser', { UserName: 'alice2' })).toEqual({});
      expect(await sut.errorOf(rootOf(A), 'DeleteUser', { UserName: 'alice2' })).toBe('EntityNotExist.User');
    });

    it('refuses a duplicate name case-insensitively, bad names and missing ones', async () => {
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'Bob' });
      expect(await sut.errorOf(rootOf(A), 'CreateUser', { UserName: 'bob' })).toBe('EntityAlreadyExists.User');
      expect(await sut.errorOf(rootOf(A), 'CreateUser', { UserName: 'b b' })).toBe('InvalidParameter.UserName.InvalidChars');
      expect(await sut.errorOf(rootOf(A), 'CreateUser', { UserName: 'x'.repeat(65) })).toBe('InvalidParameter.UserName.Length');
      expect(await sut.errorOf(rootOf(A), 'CreateUser', {})).toBe('MissingUserName');
      expect(await sut.errorOf(rootOf(A), 'CreateUser', { UserName: 'carol', Email: 'nope' })).toBe('InvalidParameter.Email.Format');
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'dave' });
      expect(await sut.errorOf(rootOf(A), 'UpdateUser', { UserName: 'dave', NewUserName: 'BOB' })).toBe('EntityAlreadyExists.User');
    });

    it('refuses a user beyond the account quota', async () => {
      const acct = (await sut.accounts.create()).accountId;
      for (let i = 0; i < 12; i++) await sut.invoke(rootOf(acct), 'CreateUser', { UserName: `u${i}` });
      expect(await sut.errorOf(rootOf(acct), 'CreateUser', { UserName: 'u12' })).toBe('LimitExceeded.User');
    });

    it('pages ListUsers with Marker and MaxItems', async () => {
      const acct = (await sut.accounts.create()).accountId;
      for (const n of ['c', 'a', 'b']) await sut.invoke(rootOf(acct), 'CreateUser', { UserName: n });
      const first = (await sut.invoke(rootOf(acct), 'ListUsers', { MaxItems: '2' })) as { IsTruncated: boolean; Marker: string; Users: { User: { UserName: string }[] } };
      expect(first.IsTruncated).toBe(true);
      expect(first.Users.User.map((u) => u.UserName)).toEqual(['a', 'b']);
      const second = (await sut.invoke(rootOf(acct), 'ListUsers', { MaxItems: '2', Marker: first.Marker })) as typeof first;
      expect(second.IsTruncated).toBe(false);
      expect(second).not.toHaveProperty('Marker');
      expect(second.Users.User.map((u) => u.UserName)).toEqual(['c']);
      expect(await sut.errorOf(rootOf(acct), 'ListUsers', { Marker: 'garbage!' })).toBe('InvalidParameter.Marker');
      expect(await sut.errorOf(rootOf(acct), 'ListUsers', { MaxItems: '1001' })).toBe('InvalidParameter.MaxItems');
      expect(await sut.invoke(rootOf((await sut.accounts.create()).accountId), 'ListUsers')).toEqual({ IsTruncated: false, Users: { User: [] } });
    });

    it('refuses to delete a user with an AccessKey or with attached policies', async () => {
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'keyed' });
      const key = (await sut.invoke(rootOf(A), 'CreateAccessKey', { UserName: 'keyed' })) as { AccessKey: { AccessKeyId: string } };
      expect(await sut.errorOf(rootOf(A), 'DeleteUser', { UserName: 'keyed' })).toBe('DeleteConflict.User.AccessKey');
      await sut.invoke(rootOf(A), 'DeleteAccessKey', { UserName: 'keyed', UserAccessKeyId: key.AccessKey.AccessKeyId });
      attachmentCount = 1;
      expect(await sut.errorOf(rootOf(A), 'DeleteUser', { UserName: 'keyed' })).toBe('DeleteConflict.User.Policy');
      attachmentCount = 0;
      await sut.invoke(rootOf(A), 'DeleteUser', { UserName: 'keyed' });
    });
  });

  describe('AccessKeys', () => {
    it('creates at most two per user, returns the secret once and stores it only sealed', async () => {
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'ak-user' });
      const created = (await sut.invoke(rootOf(A), 'CreateAccessKey', { UserName: 'ak-user' })) as { AccessKey: Record<string, string> };
      expect(created.AccessKey).toMatchObject({ AccessKeyId: expect.stringMatching(/^LTAI[0-9A-Za-z]{20}$/), AccessKeySecret: expect.stringMatching(/^[0-9A-Za-z]{30}$/), Status: 'Active', CreateDate: expect.stringMatching(DATE) });
      await sut.invoke(rootOf(A), 'CreateAccessKey', { UserName: 'ak-user' });
      expect(await sut.errorOf(rootOf(A), 'CreateAccessKey', { UserName: 'ak-user' })).toBe('LimitExceeded.User.AccessKey');

      const { AccessKeyId, AccessKeySecret } = created.AccessKey;
      const [row] = await sut.db.manager.query('SELECT * FROM access_keys WHERE access_key_id = ?', [AccessKeyId]);
      expect(JSON.stringify(row)).not.toContain(AccessKeySecret);
      const box = new SecretBox(loadMasterKeyRing(loadConfig({ STS_DATA_DIR: sut.dataDir })));
      expect(box.openText(parseSealedSecret(JSON.parse(row.sealed_secret)), AccessKeyId)).toBe(AccessKeySecret);
      expect(() => box.openText(parseSealedSecret(JSON.parse(row.sealed_secret)), 'LTAIother')).toThrow();

      const listed = (await sut.invoke(rootOf(A), 'ListAccessKeys', { UserName: 'ak-user' })) as { AccessKeys: { AccessKey: Record<string, string>[] } };
      expect(listed.AccessKeys.AccessKey).toHaveLength(2);
      expect(listed.AccessKeys.AccessKey[0]).not.toHaveProperty('AccessKeySecret');
    });

    it('updates the status and deletes; an unknown or foreign key does not exist', async () => {
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'ak2' });
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'ak3' });
      const id = ((await sut.invoke(rootOf(A), 'CreateAccessKey', { UserName: 'ak2' })) as { AccessKey: { AccessKeyId: string } }).AccessKey.AccessKeyId;
      await sut.invoke(rootOf(A), 'UpdateAccessKey', { UserName: 'ak2', UserAccessKeyId: id, Status: 'Inactive' });
      expect(((await sut.invoke(rootOf(A), 'ListAccessKeys', { UserName: 'ak2' })) as { AccessKeys: { AccessKey: { Status: string }[] } }).AccessKeys.AccessKey[0].Status).toBe('Inactive');
      expect(await sut.errorOf(rootOf(A), 'UpdateAccessKey', { UserName: 'ak2', UserAccessKeyId: id, Status: 'Disabled' })).toBe('InvalidParameter.Status');
      expect(await sut.errorOf(rootOf(A), 'UpdateAccessKey', { UserName: 'ak3', UserAccessKeyId: id, Status: 'Active' })).toBe('EntityNotExist.User.AccessKey');
      expect(await sut.errorOf(rootOf(A), 'DeleteAccessKey', { UserName: 'ak2', UserAccessKeyId: 'LTAInope' })).toBe('EntityNotExist.User.AccessKey');
      await sut.invoke(rootOf(A), 'DeleteAccessKey', { UserName: 'ak2', UserAccessKeyId: id });
      expect(await sut.invoke(rootOf(A), 'ListAccessKeys', { UserName: 'ak2' })).toEqual({ AccessKeys: { AccessKey: [] } });
    });

    it('acts on the calling RAM user itself, or on the root keys for the account, without UserName', async () => {
      const user = (await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'self' })) as { User: { UserId: string } };
      const me = ramUserPrincipal(A, user.User.UserId, 'self', 'LTAIselfkey');
      const mine = (await sut.invoke(me, 'CreateAccessKey')) as { AccessKey: { AccessKeyId: string } };
      expect(((await sut.invoke(rootOf(A), 'ListAccessKeys', { UserName: 'self' })) as { AccessKeys: { AccessKey: { AccessKeyId: string }[] } }).AccessKeys.AccessKey.map((k) => k.AccessKeyId)).toEqual([mine.AccessKey.AccessKeyId]);
      const acct = await sut.accounts.create();
      const roots = (await sut.invoke(rootOf(acct.accountId), 'ListAccessKeys')) as { AccessKeys: { AccessKey: { AccessKeyId: string }[] } };
      expect(roots.AccessKeys.AccessKey.map((k) => k.AccessKeyId)).toEqual([acct.accessKeyId]);
      await sut.invoke(rootOf(acct.accountId), 'CreateAccessKey');
      expect(await sut.errorOf(rootOf(acct.accountId), 'CreateAccessKey')).toBe('LimitExceeded.User.AccessKey');
      const session = assumedRolePrincipal({ accessKeyId: 'STS.x', mechanism: 'AssumeRole', accountId: A, roleId: '12345678901234567', roleName: 'r', roleSessionName: 's', caller: { type: 'Account', arn: 'x' }, issuedAt: new Date(), expiresAt: new Date() });
      expect(await sut.errorOf(session, 'CreateAccessKey')).toBe('MissingUserName');
    });
  });

  describe('roles', () => {
    it('creates a role with its ARN and default session duration, reads, lists, updates and deletes it', async () => {
      const created = (await sut.invoke(rootOf(A), 'CreateRole', { RoleName: 'Deployer', AssumeRolePolicyDocument: TRUST_POLICY, Description: 'deploys' })) as { Role: Record<string, unknown> };
      expect(created.Role).toMatchObject({ RoleName: 'Deployer', Arn: `acs:ram::${A}:role/Deployer`, MaxSessionDuration: 3600, AssumeRolePolicyDocument: TRUST_POLICY, Description: 'deploys' });
      expect(created.Role.RoleId).toMatch(/^[1-9]\d{16,18}$/);
      const updated = (await sut.invoke(rootOf(A), 'UpdateRole', { RoleName: 'deployer', NewMaxSessionDuration: '43200', NewDescription: 'x' })) as { Role: Record<string, unknown> };
      expect(updated.Role).toMatchObject({ MaxSessionDuration: 43200, Description: 'x', UpdateDate: expect.stringMatching(DATE) });
      const listed = (await sut.invoke(rootOf(A), 'ListRoles')) as { Roles: { Role: Record<string, unknown>[] } };
      expect(listed.Roles.Role.find((r) => r.RoleName === 'Deployer')).not.toHaveProperty('AssumeRolePolicyDocument');
      attachmentCount = 2;
      expect(await sut.errorOf(rootOf(A), 'DeleteRole', { RoleName: 'Deployer' })).toBe('DeleteConflict.Role.Policy');
      attachmentCount = 0;
      await sut.invoke(rootOf(A), 'DeleteRole', { RoleName: 'Deployer' });
      expect(await sut.errorOf(rootOf(A), 'GetRole', { RoleName: 'Deployer' })).toBe('EntityNotExist.Role');
    });

    it('refuses a bad trust policy, an out-of-range duration and a duplicate name', async () => {
      expect(await sut.errorOf(rootOf(A), 'CreateRole', { RoleName: 'bad', AssumeRolePolicyDocument: '{"Statement":' })).toBe('MalformedPolicyDocument');
      expect(await sut.errorOf(rootOf(A), 'CreateRole', { RoleName: 'bad', AssumeRolePolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }) })).toBe('MalformedPolicyDocument');
      expect(await sut.errorOf(rootOf(A), 'CreateRole', { RoleName: 'bad', AssumeRolePolicyDocument: TRUST_POLICY, MaxSessionDuration: '900' })).toBe('InvalidParameter.MaxSessionDuration');
      expect(await sut.errorOf(rootOf(A), 'CreateRole', { RoleName: 'bad_name', AssumeRolePolicyDocument: TRUST_POLICY })).toBe('InvalidParameter.RoleName.InvalidChars');
      await sut.invoke(rootOf(A), 'CreateRole', { RoleName: 'Twice', AssumeRolePolicyDocument: TRUST_POLICY });
      expect(await sut.errorOf(rootOf(A), 'CreateRole', { RoleName: 'twice', AssumeRolePolicyDocument: TRUST_POLICY })).toBe('EntityAlreadyExists.Role');
      expect(await sut.errorOf(rootOf(A), 'UpdateRole', { RoleName: 'twice', NewAssumeRolePolicyDocument: 'nope' })).toBe('MalformedPolicyDocument');
    });
  });

  describe('account isolation', () => {
    it("never reaches another account's users, roles or keys", async () => {
      await sut.invoke(rootOf(B), 'CreateUser', { UserName: 'b-user' });
      await sut.invoke(rootOf(B), 'CreateRole', { RoleName: 'b-role', AssumeRolePolicyDocument: TRUST_POLICY });
      expect(await sut.errorOf(rootOf(A), 'GetUser', { UserName: 'b-user' })).toBe('EntityNotExist.User');
      expect(await sut.errorOf(rootOf(A), 'GetRole', { RoleName: 'b-role' })).toBe('EntityNotExist.Role');
      expect(await sut.errorOf(rootOf(A), 'DeleteUser', { UserName: 'b-user' })).toBe('EntityNotExist.User');
      expect(await sut.errorOf(rootOf(A), 'CreateAccessKey', { UserName: 'b-user' })).toBe('EntityNotExist.User');
      expect(await sut.errorOf(rootOf(A), 'UpdateRole', { RoleName: 'b-role', NewDescription: 'x' })).toBe('EntityNotExist.Role');
      const namesInA = ((await sut.invoke(rootOf(A), 'ListUsers')) as { Users: { User: { UserName: string }[] } }).Users.User.map((u) => u.UserName);
      expect(namesInA).not.toContain('b-user');
      // the same name may exist in both accounts
      await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'b-user' });
    });
  });

  describe('events', () => {
    it('announces every change with the row version and never a clear secret', async () => {
      const acct = (await sut.accounts.create()).accountId;
      const user = (await sut.invoke(rootOf(acct), 'CreateUser', { UserName: 'evented' })) as { User: { UserId: string } };
      await sut.invoke(rootOf(acct), 'UpdateUser', { UserName: 'evented', NewDisplayName: 'E' });
      const key = (await sut.invoke(rootOf(acct), 'CreateAccessKey', { UserName: 'evented' })) as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } };
      await sut.invoke(rootOf(acct), 'DeleteAccessKey', { UserName: 'evented', UserAccessKeyId: key.AccessKey.AccessKeyId });
      await sut.invoke(rootOf(acct), 'DeleteUser', { UserName: 'evented' });
      await sut.settle();
      const mine = sut.events.filter((e) => e.accountId === acct);
      expect(mine.filter((e) => e.aggregateId === user.User.UserId).map((e) => [e.type, e.aggregateVersion])).toEqual([['UserCreated', 1], ['UserUpdated', 2], ['UserDeleted', 3]]);
      const created = mine.find((e) => e.type === 'AccessKeyCreated' && e.aggregateId === key.AccessKey.AccessKeyId)!;
      expect(created.payload).toMatchObject({ accessKeyId: key.AccessKey.AccessKeyId, owner: { type: 'User', userId: user.User.UserId, userName: 'evented' }, status: 'Active' });
      expect(JSON.stringify(sut.events)).not.toContain(key.AccessKey.AccessKeySecret);
      expect(mine.filter((e) => e.type !== 'AccountCreated' && !(e.type === 'AccessKeyCreated' && e.payload && (e.payload as { owner: { type: string } }).owner.type === 'Account')).every((e) => e.requestId === 'REQ-TEST')).toBe(true);
    });
  });

  describe('LookupPrincipal (internal)', () => {
    it('answers the policy service only', async () => {
      const user = (await sut.invoke(rootOf(A), 'CreateUser', { UserName: 'lookup-me' })) as { User: { UserId: string } };
      const call = { action: 'LookupPrincipal', params: { AccountId: A, PrincipalType: 'User', PrincipalName: 'LOOKUP-ME' }, context: { requestId: 'r', sourceIp: '', secureTransport: true } };
      expect(await sut.registry.invokeInternal({ ...call, caller: 'policy' })).toEqual({ Found: true, Principal: expect.objectContaining({ principalId: user.User.UserId, name: 'lookup-me', version: 1 }) });
      expect(await sut.registry.invokeInternal({ ...call, params: { ...call.params, AccountId: B }, caller: 'policy' })).toEqual({ Found: false });
      await expect(sut.registry.invokeInternal({ ...call, caller: 'gateway' })).rejects.toMatchObject({ code: 'Forbidden.RAM' });
    });
  });
});
