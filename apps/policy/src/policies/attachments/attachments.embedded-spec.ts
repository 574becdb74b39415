import { DOC, directoryKey, newPrincipalIdForTest, PolicyHarness, roleFromEvent, rootOf, startPolicy, userFromEvent } from '../../../test/policy-harness';

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('attachments', () => {
let sut: PolicyHarness;
const A = '1000000000000001';
const B = '2000000000000002';
beforeAll(async () => {
  sut = await startPolicy({ limits: { perUser: { System: 20, Custom: 2 } } });
});
afterAll(() => sut.close());

  it('attaches to a user known from events, counts it, lists it both ways and detaches it', async () => {
    const userId = await userFromEvent(sut, A, 'alice');
    await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: 'ForAlice', PolicyDocument: DOC() });
    const before = sut.lookups;
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'ForAlice', UserName: 'Alice' });
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'alice' });
    // the directory is asked who holds the name even when the read model knows it: that may be stale
    expect(sut.lookups).toBe(before + 2);
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'ForAlice', UserName: 'alice' })).toBe('EntityAlreadyExists.User.Policy');
    const forUser = (await sut.invoke(rootOf(A), 'ListPoliciesForUser', { UserName: 'alice' })) as { Policies: { Policy: Record<string, unknown>[] } };
    expect(forUser.Policies.Policy).toEqual([
      { PolicyName: 'ForAlice', PolicyType: 'Custom', Description: '', DefaultVersion: 'v1', AttachDate: expect.stringMatching(DATE) },
      expect.objectContaining({ PolicyName: 'ReadOnlyAccess', PolicyType: 'System' }),
    ]);
    const entities = (await sut.invoke(rootOf(A), 'ListEntitiesForPolicy', { PolicyType: 'Custom', PolicyName: 'ForAlice' })) as Record<string, unknown>;
    expect(entities).toEqual({ Users: { User: [{ UserId: userId, UserName: 'alice', AttachDate: expect.stringMatching(DATE) }] }, Groups: { Group: [] }, Roles: { Role: [] } });
    expect(((await sut.invoke(rootOf(A), 'GetPolicy', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess' })) as { Policy: { AttachmentCount: number } }).Policy.AttachmentCount).toBe(1);
    expect(((await sut.invoke(rootOf(B), 'GetPolicy', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess' })) as { Policy: { AttachmentCount: number } }).Policy.AttachmentCount).toBe(0);
    expect(await sut.errorOf(rootOf(A), 'DeletePolicy', { PolicyName: 'ForAlice' })).toBe('DeleteConflict.Policy.User');
    await sut.invoke(rootOf(A), 'DetachPolicyFromUser', { PolicyType: 'Custom', PolicyName: 'ForAlice', UserName: 'alice' });
    expect(await sut.errorOf(rootOf(A), 'DetachPolicyFromUser', { PolicyType: 'Custom', PolicyName: 'ForAlice', UserName: 'alice' })).toBe('EntityNotExist.User.Policy');
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'ForAlice', UserName: 'alice' });
    await sut.settle();
    const versions = sut.events.filter((e) => e.aggregateType === 'PolicyAttachment' && e.aggregateId.endsWith(`:User:${userId}`) && (e.payload as { policyName: string }).policyName === 'ForAlice');
    expect(versions.map((e) => [e.type, e.aggregateVersion])).toEqual([['PolicyAttached', 1], ['PolicyDetached', 2], ['PolicyAttached', 3]]);
  });

  it('falls back to the directory when the user is not known yet, and refuses an unknown one', async () => {
    sut.directory.set(directoryKey(A, 'User', 'fresh'), { accountId: A, principalType: 'User', principalId: newPrincipalIdForTest(), name: 'fresh', version: 1 });
    const before = sut.lookups;
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AdministratorAccess', UserName: 'fresh' });
    expect(sut.lookups).toBe(before + 1);
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AdministratorAccess', UserName: 'ghost' })).toBe('EntityNotExist.User');
    expect(await sut.errorOf(rootOf(A), 'ListPoliciesForUser', { UserName: 'ghost' })).toBe('EntityNotExist.User');
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'NoSuchPolicy', UserName: 'fresh' })).toBe('EntityNotExist.Policy');
  });

  it('enforces the per-user quota per policy type', async () => {
    await userFromEvent(sut, A, 'busy');
    for (const n of ['Q1', 'Q2', 'Q3']) await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: n, PolicyDocument: DOC() });
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'Q1', UserName: 'busy' });
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'Q2', UserName: 'busy' });
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'Q3', UserName: 'busy' })).toBe('LimitExceeded.User.Policy');
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'busy' });
  });

  it('attaches to roles, refuses to delete the policy while attached, and cascades on CascadingDelete', async () => {
    const roleId = await roleFromEvent(sut, A, 'Deployer');
    await sut.invoke(rootOf(A), 'CreatePolicy', { PolicyName: 'Deploy', PolicyDocument: DOC() });
    await sut.invoke(rootOf(A), 'AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: 'Deploy', RoleName: 'deployer' });
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: 'Deploy', RoleName: 'deployer' })).toBe('EntityAlreadyExists.Role.Policy');
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: 'Deploy', RoleName: 'nobody' })).toBe('EntityNotExist.Role');
    expect(((await sut.invoke(rootOf(A), 'ListPoliciesForRole', { RoleName: 'Deployer' })) as { Policies: { Policy: { PolicyName: string }[] } }).Policies.Policy.map((p) => p.PolicyName)).toEqual(['Deploy']);
    expect(((await sut.invoke(rootOf(A), 'ListEntitiesForPolicy', { PolicyType: 'Custom', PolicyName: 'Deploy' })) as { Roles: { Role: unknown[] } }).Roles.Role).toEqual([{ RoleId: roleId, RoleName: 'Deployer', Arn: `acs:ram::${A}:role/Deployer`, Description: 'r', AttachDate: expect.stringMatching(DATE) }]);
    expect(await sut.errorOf(rootOf(A), 'DeletePolicy', { PolicyName: 'Deploy' })).toBe('DeleteConflict.Policy.Role');
    expect(await sut.errorOf(rootOf(A), 'DetachPolicyFromRole', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', RoleName: 'Deployer' })).toBe('EntityNotExist.Role.Policy');
    await sut.invoke(rootOf(A), 'DeletePolicy', { PolicyName: 'Deploy', CascadingDelete: 'true' });
    expect(((await sut.invoke(rootOf(A), 'ListPoliciesForRole', { RoleName: 'Deployer' })) as { Policies: { Policy: unknown[] } }).Policies.Policy).toEqual([]);
    await sut.settle();
    expect(sut.events.filter((e) => e.aggregateId.endsWith(`:Role:${roleId}`)).map((e) => e.type)).toEqual(['PolicyAttached', 'PolicyDetached']);
  });

  it('detaches everything when the user is deleted, and a late older event does not revive it', async () => {
    const userId = await userFromEvent(sut, A, 'leaver');
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'leaver' });
    await sut.publishIdentity({ type: 'UserDeleted', schemaVersion: 1, payload: { accountId: A, userId, userName: 'leaver' } }, userId, 2, A);
    expect(await sut.invoke(rootOf(A), 'CountPrincipalAttachmentsProbe' as string).catch((e) => e.code)).toBe('InvalidAction.NotFound');
    expect(await sut.registry.invokeInternal({ action: 'CountPrincipalAttachments', params: { AccountId: A, PrincipalType: 'User', PrincipalId: userId }, caller: 'identity-directory', context: { requestId: 'r', sourceIp: '', secureTransport: true } })).toEqual({ Count: 0 });
    await sut.settle();
    expect(sut.events.some((e) => e.type === 'PolicyDetached' && e.aggregateId.endsWith(`:User:${userId}`))).toBe(true);
    await sut.publishIdentity({ type: 'UserCreated', schemaVersion: 1, payload: { accountId: A, userId, userName: 'leaver', createDate: 'x', updateDate: 'x' } }, userId, 1, A);
    expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'leaver' })).toBe('EntityNotExist.User');
  });

  describe('a name whose holder changed before the events arrived', () => {
    const count = async (principalId: string) =>
      (await sut.registry.invokeInternal({ action: 'CountPrincipalAttachments', params: { AccountId: A, PrincipalType: 'User', PrincipalId: principalId }, caller: 'identity-directory', context: { requestId: 'r', sourceIp: '', secureTransport: true } })) as { Count: number };
    const now = (name: string, principalId: string, version = 1) => sut.directory.set(directoryKey(A, 'User', name), { accountId: A, principalType: 'User', principalId, name, version });
    const attach = (userName: string) => sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: userName });

    it('attaches to the user who took a deleted user\'s name, and the late UserDeleted does not undo it', async () => {
      const first = await userFromEvent(sut, A, 'reborn');
      // DeleteUser then CreateUser answered; neither event has reached policy
      const second = newPrincipalIdForTest();
      now('reborn', second);
      await attach('reborn');
      await sut.publishIdentity({ type: 'UserDeleted', schemaVersion: 1, payload: { accountId: A, userId: first, userName: 'reborn' } }, first, 2, A);
      expect(await count(second)).toEqual({ Count: 1 });
      expect(await count(first)).toEqual({ Count: 0 });
      expect(((await sut.invoke(rootOf(A), 'ListPoliciesForUser', { UserName: 'reborn' })) as { Policies: { Policy: { PolicyName: string }[] } }).Policies.Policy.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccess']);
    });

    it('attaches to the user who took a renamed user\'s old name, never to the renamed one', async () => {
      const renamed = await userFromEvent(sut, A, 'handed-on');
      // UpdateUser handed-on -> moved-away, then CreateUser handed-on; neither event has arrived
      sut.directory.delete(directoryKey(A, 'User', 'handed-on'));
      now('moved-away', renamed, 2);
      const newcomer = newPrincipalIdForTest();
      now('handed-on', newcomer);
      await attach('handed-on');
      expect(await count(newcomer)).toEqual({ Count: 1 });
      expect(await count(renamed)).toEqual({ Count: 0 });
    });

    it('refuses a user deleted a moment ago with EntityNotExist.User', async () => {
      await userFromEvent(sut, A, 'just-gone');
      sut.directory.delete(directoryKey(A, 'User', 'just-gone'));
      expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'just-gone' })).toBe('EntityNotExist.User');
    });

    it('falls back on the read model while the directory does not answer: known users only', async () => {
      const known = await userFromEvent(sut, A, 'known-offline');
      sut.directory.set(directoryKey(A, 'User', 'unknown-offline'), { accountId: A, principalType: 'User', principalId: newPrincipalIdForTest(), name: 'unknown-offline', version: 1 });
      sut.directoryDown = true;
      try {
        await attach('known-offline');
        expect(await count(known)).toEqual({ Count: 1 });
        expect(await sut.errorOf(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'unknown-offline' })).toBe('ServiceUnavailable');
      } finally {
        sut.directoryDown = false;
      }
    });
  });

  it('answers CountPrincipalAttachments to identity-directory only', async () => {
    const userId = await userFromEvent(sut, A, 'counted');
    await sut.invoke(rootOf(A), 'AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'counted' });
    const call = { action: 'CountPrincipalAttachments', params: { AccountId: A, PrincipalType: 'User', PrincipalId: userId }, context: { requestId: 'r', sourceIp: '', secureTransport: true } };
    expect(await sut.registry.invokeInternal({ ...call, caller: 'identity-directory' })).toEqual({ Count: 1 });
    expect(await sut.registry.invokeInternal({ ...call, params: { ...call.params, AccountId: B }, caller: 'identity-directory' })).toEqual({ Count: 0 });
    await expect(sut.registry.invokeInternal({ ...call, caller: 'gateway' })).rejects.toMatchObject({ code: 'Forbidden.RAM' });
  });
});
