import * as $Ram from '@alicloud/ram20150501';
import { ramClient } from '../interop/support/sdk-clients';
import { allow, sdkErrorOf, trustAccounts, type RamSdkTarget } from './ram-sdk';

/**
 * Names handed over between principals (ADR 0007): a user or role deleted, or a user renamed, and
 * the name taken by a new one at once, then attached to in the next request — while the events
 * about the former holder are still on their way to the policy service. Several names take their
 * turn at the same time to widen that window.
 */
export function nameHandoverScenario(target: () => RamSdkTarget): void {
  const ram = () => ramClient(target().httpHost, target().root);
  const accountId = () => target().root.accountId;

  it('a name freed by DeleteUser, DeleteRole or a rename and taken again at once: the next attach lands on the new holder and stays', async () => {
    await ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'sdk-reborn', policyDocument: allow('ecs:Describe*') }));
    const user = (userName: string) => new $Ram.CreateUserRequest({ userName });
    const role = (roleName: string) => new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: trustAccounts(accountId()) });
    const attachUser = (userName: string) => ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'sdk-reborn', userName }));
    const policiesOf = async (kind: 'user' | 'role', name: string) =>
      (kind === 'user' ? (await ram().listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: name }))).body! : (await ram().listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: name }))).body!).policies!.policy!.map((p) => p.policyName);
    // the race is with the directory's events, so several names take their turn at once
    const handovers = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const [reborn, handedOn] = [`sdk-reborn-${i}`, `sdk-handed-on-${i}`];
        const firstUser = (await ram().createUser(user(reborn))).body!.user!.userId!;
        const firstRole = (await ram().createRole(role(reborn))).body!.role!.roleId!;
        const renamed = (await ram().createUser(user(handedOn))).body!.user!.userId!;
        // policy meets the first holders of the three names
        expect([await policiesOf('user', reborn), await policiesOf('role', reborn), await policiesOf('user', handedOn)]).toEqual([[], [], []]);

        await ram().deleteUser(new $Ram.DeleteUserRequest({ userName: reborn }));
        await ram().createUser(user(reborn));
        await attachUser(reborn);
        await ram().deleteRole(new $Ram.DeleteRoleRequest({ roleName: reborn }));
        await ram().createRole(role(reborn));
        await ram().attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ policyType: 'Custom', policyName: 'sdk-reborn', roleName: reborn }));
        await ram().updateUser(new $Ram.UpdateUserRequest({ userName: handedOn, newUserName: `sdk-moved-away-${i}` }));
        await ram().createUser(user(handedOn));
        await attachUser(handedOn);
        return { i, reborn, handedOn, applied: { [firstUser]: 2, [firstRole]: 2, [renamed]: 2 } };
      }),
    );

    // the deletions and renames reach policy afterwards: they must not undo or misplace the attachments
    await target().policyHasApplied(Object.assign({}, ...handovers.map((h) => h.applied)));
    for (const { i, reborn, handedOn } of handovers) {
      expect({ i, user: await policiesOf('user', reborn), role: await policiesOf('role', reborn), newcomer: await policiesOf('user', handedOn), renamed: await policiesOf('user', `sdk-moved-away-${i}`) })
        .toEqual({ i, user: ['sdk-reborn'], role: ['sdk-reborn'], newcomer: ['sdk-reborn'], renamed: [] });
    }
    expect((await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'sdk-reborn', policyType: 'Custom' }))).body!.policy!.attachmentCount).toBe(3 * handovers.length);
    expect(await sdkErrorOf(() => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'sdk-reborn-1' })))).toEqual({ code: 'DeleteConflict.User.Policy', statusCode: 409 });
  });
}
