import { waitUntil } from '../support/e2e-fleet';
import { allow, DATE, trustAccounts } from '../support/ram-sdk';
import { startEmbeddedProcess } from './support/embedded-process';
import { popCore } from './support/sdk-clients';

jest.setTimeout(60_000);

type Body = Record<string, unknown> & { RequestId: string };
type PopError = { code?: string; data?: { Message?: string }; entry?: { response?: { statusCode?: number } } };

/** pop-core's view of a refusal: `Code` and `Message` of the envelope, and the HTTP status. */
async function popRefusal(call: () => Promise<unknown>): Promise<{ code?: string; status?: number; message?: string }> {
  try {
    await call();
  } catch (err) {
    const e = err as PopError;
    return { code: e.code, status: e.entry?.response?.statusCode, message: e.data?.Message };
  }
  throw new Error('pop-core call succeeded where it should have failed');
}

/**
 * RAM 2015-05-01 with signature V1 through `@alicloud/pop-core` (the oldest official client: GET
 * with the parameters in the query string, POST with a form body) against `npm start`'s process.
 */
describe('RAM through pop-core (signature V1) against the embedded process', () => {
  let embedded: Awaited<ReturnType<typeof startEmbeddedProcess>> | undefined;

  beforeAll(async () => {
    embedded = await startEmbeddedProcess();
  }, 120_000);

  afterAll(async () => embedded?.stop());

  describe.each(['GET', 'POST'])('%s', (method) => {
    const ram = () => ({ call: (action: string, params: Record<string, string | number> = {}) => popCore(embedded!.httpHost, embedded!.root, '2015-05-01').request<Body>(action, params, { method }) });
    const accountId = () => embedded!.root.accountId;
    const suffix = method.toLowerCase();
    const [userName, roleName, policyName] = [`pop-user-${suffix}`, `pop-role-${suffix}`, `pop-policy-${suffix}`];

    it('CreateUser and CreateAccessKey; the key it returns signs a call', async () => {
      const user = await ram().call('CreateUser', { UserName: userName, DisplayName: 'pop-core user', Comments: 'signature V1' });
      expect(user.RequestId).toMatch(/^[0-9A-F-]{36}$/);
      expect(user.User).toMatchObject({ UserName: userName, DisplayName: 'pop-core user', Comments: 'signature V1', UserId: expect.stringMatching(/^\d+$/), CreateDate: expect.stringMatching(DATE) });

      const key = (await ram().call('CreateAccessKey', { UserName: userName })).AccessKey as Record<string, string>;
      expect(key).toEqual({ AccessKeyId: expect.stringMatching(/^LTAI[0-9A-Za-z]+$/), AccessKeySecret: expect.stringMatching(/^[0-9A-Za-z]{30}$/), Status: 'Active', CreateDate: expect.stringMatching(DATE) });
      const caller = popCore(embedded!.httpHost, { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret }, '2015-04-01');
      const whoAmI = () => caller.request<{ Arn: string }>('GetCallerIdentity', {}, { method });
      // the key reaches the gateway's read model by the in-process bus, just after the commit
      await waitUntil(() => whoAmI().then(() => true, () => false), 10_000, 25);
      expect((await whoAmI()).Arn).toBe(`acs:ram::${accountId()}:user/${userName}`);
    });

    it('CreateRole with a trust policy, CreatePolicy and CreatePolicyVersion, AttachPolicyToRole, DetachPolicyFromRole', async () => {
      const trust = trustAccounts(accountId());
      const role = (await ram().call('CreateRole', { RoleName: roleName, AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200, Description: 'pop-core role' })).Role as Record<string, unknown>;
      expect(role).toMatchObject({ RoleName: roleName, Arn: `acs:ram::${accountId()}:role/${roleName}`, MaxSessionDuration: 7200, Description: 'pop-core role', RoleId: expect.stringMatching(/^\d+$/) });
      expect(JSON.parse(role.AssumeRolePolicyDocument as string)).toEqual(JSON.parse(trust));

      const v1 = allow('oss:GetObject', 'acs:oss:*:*:pop-bucket/*');
      const v2 = allow('oss:PutObject', 'acs:oss:*:*:pop-bucket/*');
      expect((await ram().call('CreatePolicy', { PolicyName: policyName, PolicyDocument: v1, Description: 'pop-core policy' })).Policy).toMatchObject({ PolicyName: policyName, PolicyType: 'Custom', DefaultVersion: 'v1', Description: 'pop-core policy' });
      const version = (await ram().call('CreatePolicyVersion', { PolicyName: policyName, PolicyDocument: v2, SetAsDefault: 'true' })).PolicyVersion as Record<string, unknown>;
      expect(version).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true, CreateDate: expect.stringMatching(DATE) });
      expect(JSON.parse(version.PolicyDocument as string)).toEqual(JSON.parse(v2));
      expect((await ram().call('GetPolicy', { PolicyName: policyName, PolicyType: 'Custom' })).Policy).toMatchObject({ DefaultVersion: 'v2', AttachmentCount: 0 });

      const attachment = { PolicyType: 'Custom', PolicyName: policyName, RoleName: roleName };
      expect(Object.keys(await ram().call('AttachPolicyToRole', attachment))).toEqual(['RequestId']);
      const attached = (await ram().call('ListPoliciesForRole', { RoleName: roleName })).Policies as { Policy: Record<string, unknown>[] };
      expect(attached.Policy).toEqual([expect.objectContaining({ PolicyName: policyName, PolicyType: 'Custom', DefaultVersion: 'v2', AttachDate: expect.stringMatching(DATE) })]);
      // groups are not implemented (ADR 0011): the Groups wrapper is there, always empty
      expect(await ram().call('ListEntitiesForPolicy', { PolicyType: 'Custom', PolicyName: policyName })).toMatchObject({
        Users: { User: [] }, Groups: { Group: [] }, Roles: { Role: [expect.objectContaining({ RoleName: roleName, AttachDate: expect.stringMatching(DATE) })] },
      });

      expect(Object.keys(await ram().call('DetachPolicyFromRole', attachment))).toEqual(['RequestId']);
      expect((await ram().call('ListPoliciesForRole', { RoleName: roleName })).Policies).toEqual({ Policy: [] });
      expect((await ram().call('GetPolicy', { PolicyName: policyName, PolicyType: 'Custom' })).Policy).toMatchObject({ AttachmentCount: 0 });
    });

    it('refusals pop-core sees with the exact Code: duplicate names 409, missing entities 404', async () => {
      const trust = trustAccounts(accountId());
      expect(await popRefusal(() => ram().call('CreateUser', { UserName: userName }))).toEqual({ code: 'EntityAlreadyExists.User', status: 409, message: 'The user does already EXIST.' });
      expect(await popRefusal(() => ram().call('CreateRole', { RoleName: roleName, AssumeRolePolicyDocument: trust }))).toMatchObject({ code: 'EntityAlreadyExists.Role', status: 409 });
      expect(await popRefusal(() => ram().call('CreatePolicy', { PolicyName: policyName, PolicyDocument: allow('oss:GetObject') }))).toMatchObject({ code: 'EntityAlreadyExists.Policy', status: 409 });

      expect(await popRefusal(() => ram().call('GetUser', { UserName: `pop-nobody-${suffix}` }))).toEqual({ code: 'EntityNotExist.User', status: 404, message: 'The user does not exist.' });
      expect(await popRefusal(() => ram().call('CreateAccessKey', { UserName: `pop-nobody-${suffix}` }))).toMatchObject({ code: 'EntityNotExist.User', status: 404 });
      expect(await popRefusal(() => ram().call('AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: policyName, RoleName: `pop-nobody-${suffix}` }))).toMatchObject({ code: 'EntityNotExist.Role', status: 404 });
      expect(await popRefusal(() => ram().call('CreatePolicyVersion', { PolicyName: `pop-nobody-${suffix}`, PolicyDocument: allow('oss:GetObject') }))).toMatchObject({ code: 'EntityNotExist.Policy', status: 404 });
      expect(await popRefusal(() => ram().call('DetachPolicyFromRole', { PolicyType: 'Custom', PolicyName: policyName, RoleName: roleName }))).toMatchObject({ code: 'EntityNotExist.Role.Policy', status: 404 });
    });

    it('group actions are not served (ADR 0011): InvalidAction.NotFound 404', async () => {
      for (const [action, params] of [['CreateGroup', { GroupName: `pop-group-${suffix}` }], ['ListGroups', {}], ['AttachPolicyToGroup', { PolicyType: 'Custom', PolicyName: policyName, GroupName: 'g' }]] as const) {
        expect({ action, ...(await popRefusal(() => ram().call(action, params))) }).toMatchObject({ action, code: 'InvalidAction.NotFound', status: 404 });
      }
    });
  });
});
