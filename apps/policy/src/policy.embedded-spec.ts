import { DOC, PolicyHarness, rootOf, startPolicy, userFromEvent } from '../test/policy-harness';
import { PolicyModule } from './policy-app.module';
import { SystemPoliciesSeeder } from './policies/system-policies.seeder';

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe(PolicyModule.name, () => {
  let sut: PolicyHarness;
  const A = '1000000000000001';
  const B = '2000000000000002';

  beforeAll(async () => {
    sut = await startPolicy({ limits: { perUser: { System: 20, Custom: 2 }, customPoliciesPerAccount: 50 } });
  });
  afterAll(() => sut.close());

  describe('system policies', () => {
    it('are seeded once as System rows that list and read like any policy, and are read-only', async () => {
      await sut.module.get(SystemPoliciesSeeder, { strict: false }).onModuleInit();
      const listed = (await sut.invoke(rootOf(A), 'ListPolicies', { PolicyType: 'System' })) as { Policies: { Policy: Record<string, unknown>[] } };
      expect(listed.Policies.Policy.map((p) => p.PolicyName).sort()).toEqual(['AdministratorAccess', 'AliyunRAMFullAccess', 'AliyunRAMReadOnlyAccess', 'AliyunSTSAssumeRoleAccess', 'ReadOnlyAccess']);
      const got = (await sut.invoke(rootOf(A), 'GetPolicy', { PolicyName: 'AdministratorAccess', PolicyType: 'System' })) as { Policy: Record<string, unknown>; DefaultPolicyVersion: Record<string, unknown> };
      expect(got.Policy).toMatchObject({ PolicyType: 'System', DefaultVersion: 'v1', AttachmentCount: 0 });
      expect(got.DefaultPolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true, PolicyDocument: expect.stringContaining('"Action":"*"') });
      expect(await sut.errorOf(rootOf(A), 'CreatePolicyVersion', { PolicyName: 'AdministratorAccess', PolicyDocument: DOC() })).toBe('EntityNotExist.Policy');
      expect(await sut.errorOf(rootOf(A), 'DeletePolicy', { PolicyName: 'AdministratorAccess' })).toBe('EntityNotExist.Policy');
    });
  });

  describe('custom policies', () => {
    it('creates a policy with v1 as default and reads it back', async () => {
      const created = (await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: 'EcsRead', PolicyDocument: DOC(), Description: 'reads' })) as { Policy: Record<string, unknown> };
      expect(created.Policy).toEqual({ PolicyName: 'EcsRead', PolicyType: 'Custom', Description: 'reads', DefaultVersion: 'v1', CreateDate: expect.stringMatching(DATE) });
      const got = (await sut.invoke(rootOf(A), 'GetPolicy', { PolicyName: 'ecsread', PolicyType: 'Custom' })) as { Policy: Record<string, unknown>; DefaultPolicyVersion: Record<string, unknown> };
      expect(got.Policy).toMatchObject({ PolicyName: 'EcsRead', AttachmentCount: 0, UpdateDate: expect.stringMatching(DATE), PolicyDocument: DOC() });
      expect(got.DefaultPolicyVersion).toEqual({ VersionId: 'v1', IsDefaultVersion: true, PolicyDocument: DOC(), CreateDate: expect.stringMatching(DATE) });
      const updated = (await sut.invoke(rootOf(A), 'UpdatePolicyDescription', { PolicyName: 'EcsRead', NewDescription: 'new' })) as { Policy: Record<string, unknown> };
      expect(updated.Policy).toMatchObject({ Description: 'new', DefaultVersion: 'v1' });
    });

    it('refuses duplicates, bad names, malformed or oversized documents and a bad PolicyType', async () => {
      await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: 'Dup', PolicyDocument: DOC() });
      expect(await sut.errorOf(rootOf(A), 'CreatePolicy', { PolicyName: 'DUP', PolicyDocument: DOC() })).toBe('EntityAlreadyExists.Policy');
      expect(await sut.errorOf(rootOf(A), 'CreatePolicy', { PolicyName: 'bad_name', PolicyDocument: DOC() })).toBe('InvalidParameter.PolicyName.InvalidChars');
      expect(await sut.errorOf(rootOf(A), 'CreatePolicy', { PolicyName: 'm', PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}' })).toBe('MalformedPolicyDocument');
      expect(await sut.errorOf(rootOf(A), 'CreatePolicy', { PolicyName: 'm', PolicyDocument: DOC(`ecs:${'x'.repeat(6200)}`) })).toBe('InvalidParameter.PolicyDocument.Length');
      expect(await sut.errorOf(rootOf(A), 'GetPolicy', { PolicyName: 'Dup', PolicyType: 'Other' })).toBe('InvalidParameter.PolicyType');
      expect(await sut.errorOf(rootOf(A), 'GetPolicy', { PolicyName: 'Nope', PolicyType: 'Custom' })).toBe('EntityNotExist.Policy');
    });

    it('pages ListPolicies across custom and system policies', async () => {
      const acct = '3000000000000003';
      for (const n of ['Zeta', 'Alpha']) await sut.invoke(rootOf(acct), 'CreatePolicy', { PolicyName: n, PolicyDocument: DOC() });
      const names: string[] = [];
      let marker: string | undefined;
      do {
        const page = (await sut.invoke(rootOf(acct), 'ListPolicies', { MaxItems: '3', ...(marker ? { Marker: marker } : {}) })) as { IsTruncated: boolean; Marker?: string; Policies: { Policy: { PolicyName: string }[] } };
        names.push(...page.Policies.Policy.map((p) => p.PolicyName));
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
      expect(names).toEqual(['Alpha', 'Zeta', 'AdministratorAccess', 'AliyunRAMFullAccess', 'AliyunRAMReadOnlyAccess', 'AliyunSTSAssumeRoleAccess', 'ReadOnlyAccess']);
      const custom = (await sut.invoke(rootOf(acct), 'ListPolicies', { PolicyType: 'Custom' })) as { Policies: { Policy: { PolicyName: string }[] } };
      expect(custom.Policies.Policy.map((p) => p.PolicyName)).toEqual(['Alpha', 'Zeta']);
    });
  });

  describe('versions', () => {
    it('adds versions up to five, refuses a sixth, and rotates the oldest non-default one out on request', async () => {
      await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: 'Versioned', PolicyDocument: DOC('ecs:A') });
      for (let i = 2; i <= 5; i++) {
        const v = (await sut.invoke(rootOf(A), 'CreatePolicyVersion', { PolicyName: 'Versioned', PolicyDocument: DOC(`ecs:V${i}`) })) as { PolicyVersion: Record<string, unknown> };
        expect(v.PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: false, PolicyDocument: DOC(`ecs:V${i}`) });
      }
      expect(await sut.errorOf(rootOf(A), 'CreatePolicyVersion', { PolicyName: 'Versioned', PolicyDocument: DOC('ecs:V6') })).toBe('LimitExceeded.Policy.Version');
      const rotated = (await sut.invoke(rootOf(A), 'CreatePolicyVersion', { PolicyName: 'Versioned', PolicyDocument: DOC('ecs:V6'), SetAsDefault: 'true', RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded' })) as { PolicyVersion: Record<string, unknown> };
      expect(rotated.PolicyVersion).toMatchObject({ VersionId: 'v6', IsDefaultVersion: true });
      const list = (await sut.invoke(rootOf(A), 'ListPolicyVersions', { PolicyName: 'Versioned', PolicyType: 'Custom' })) as { PolicyVersions: { PolicyVersion: { VersionId: string; IsDefaultVersion: boolean }[] } };
      expect(list.PolicyVersions.PolicyVersion.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v1', false], ['v3', false], ['v4', false], ['v5', false], ['v6', true]]);
      await sut.settle();
      const tail = sut.events.filter((e) => (e.payload as { policyName?: string }).policyName === 'Versioned').slice(-3);
      expect(tail.map((e) => [e.type, e.aggregateVersion])).toEqual([['PolicyVersionDeleted', 6], ['PolicyVersionCreated', 7], ['PolicyDefaultVersionSet', 8]]);
    });

    it('sets the default, refuses to delete it, deletes another and reads a version', async () => {
      await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: 'Defaults', PolicyDocument: DOC() });
      await sut.invoke(rootOf(A), 'CreatePolicyVersion', { PolicyName: 'Defaults', PolicyDocument: DOC('ecs:Two') });
      await sut.invoke(rootOf(A), 'SetDefaultPolicyVersion', { PolicyName: 'Defaults', VersionId: 'v2' });
      expect(((await sut.invoke(rootOf(A), 'GetPolicy', { PolicyName: 'Defaults', PolicyType: 'Custom' })) as { Policy: { DefaultVersion: string } }).Policy.DefaultVersion).toBe('v2');
      expect(await sut.errorOf(rootOf(A), 'DeletePolicyVersion', { PolicyName: 'Defaults', VersionId: 'v2' })).toBe('DeleteConflict.Policy.Version.Default');
      expect(await sut.errorOf(rootOf(A), 'SetDefaultPolicyVersion', { PolicyName: 'Defaults', VersionId: 'v9' })).toBe('EntityNotExist.Policy.Version');
      expect(await sut.errorOf(rootOf(A), 'SetDefaultPolicyVersion', { PolicyName: 'Defaults', VersionId: '2' })).toBe('InvalidParameter.VersionId.Format');
      expect(await sut.errorOf(rootOf(A), 'DeletePolicy', { PolicyName: 'Defaults' })).toBe('DeleteConflict.Policy.Version');
      await sut.invoke(rootOf(A), 'DeletePolicyVersion', { PolicyName: 'Defaults', VersionId: 'v1' });
      expect(await sut.errorOf(rootOf(A), 'GetPolicyVersion', { PolicyName: 'Defaults', PolicyType: 'Custom', VersionId: 'v1' })).toBe('EntityNotExist.Policy.Version');
      expect(await sut.invoke(rootOf(A), 'GetPolicyVersion', { PolicyName: 'Defaults', PolicyType: 'Custom', VersionId: 'v2' })).toEqual({ PolicyVersion: { VersionId: 'v2', IsDefaultVersion: true, PolicyDocument: DOC('ecs:Two'), CreateDate: expect.stringMatching(DATE) } });
      await sut.invoke(rootOf(A), 'DeletePolicy', { PolicyName: 'Defaults' });
      expect(await sut.errorOf(rootOf(A), 'GetPolicy', { PolicyName: 'Defaults', PolicyType: 'Custom' })).toBe('EntityNotExist.Policy');
    });
  });

  describe('account isolation', () => {
    it("never reads, changes or attaches another account's policy, nor attaches to its users", async () => {
      await sut.invoke(rootOf(B), 'CreatePolicy', { PolicyName: 'BOnly', PolicyDocument: DOC() });
      await userFromEvent(sut, A, 'a-user');
      await userFromEvent(sut, B, 'b-user');
      expect(await sut.errorOf(rootOf(A), 'GetPolicy', { PolicyName: 'BOnly', PolicyType: 'Custom' })).toBe('EntityNotExist.Policy');
      expect(await sut.errorOf(rootOf(A), 'CreatePolicyVersion', { PolicyName: 'BOnly', PolicyDocument: DOC() })).toBe('EntityNotExist.Policy');
      expect(await sut.errorOf(rootOf(A), 'DeletePolicy', { PolicyName: 'BOnly' })).toBe('EntityNotExist.Policy');
      expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'BOnly', UserName: 'a-user' })).toBe('EntityNotExist.Policy');
      expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'b-user' })).toBe('EntityNotExist.User');
      expect(await sut.errorOf(rootOf(A), 'ListEntitiesForPolicy', { PolicyType: 'Custom', PolicyName: 'BOnly' })).toBe('EntityNotExist.Policy');
      const names = ((await sut.invoke(rootOf(A), 'ListPolicies', { PolicyType: 'Custom', MaxItems: '1000' })) as { Policies: { Policy: { PolicyName: string }[] } }).Policies.Policy.map((p) => p.PolicyName);
      expect(names).not.toContain('BOnly');
    });
  });
});
