import * as $Ram from '@alicloud/ram20150501';
import { ramClient, type SdkCredentials } from './sdk-clients';
import type { InteropTarget } from './interop-target';

export interface InteropDirectory {
  /** RAM user with AliyunSTSAssumeRoleAccess and an active key. */
  alice: SdkCredentials;
  /** RAM user whose only key was set Inactive. */
  bob: SdkCredentials;
  roleArn: string;
  roleName: string;
}

const trustAccount = (accountId: string) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });

/**
 * The directory the suite needs, built only through `@alicloud/ram20150501` with the root key
 * (V3 signatures): users and AccessKeys, a role trusting the account, a custom policy attached to
 * the role, AliyunSTSAssumeRoleAccess attached to alice, bob's key deactivated.
 */
export async function buildDirectory(t: InteropTarget, suffix: string): Promise<InteropDirectory> {
  const ram = ramClient(t.httpHost, t.root);
  const key = async (userName: string) => {
    await ram.createUser(new $Ram.CreateUserRequest({ userName, displayName: `interop ${userName}` }));
    const k = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }))).body!.accessKey!;
    return { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! };
  };
  const alice = await key(`alice-${suffix}`);
  const bob = await key(`bob-${suffix}`);
  await ram.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: `bob-${suffix}`, userAccessKeyId: bob.accessKeyId, status: 'Inactive' }));
  const roleName = `deployer-${suffix}`;
  const role = await ram.createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: trustAccount(t.root.accountId), maxSessionDuration: 3600, description: 'interop' }));
  const document = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:artifacts/*' }] });
  await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: `read-artifacts-${suffix}`, policyDocument: document }));
  await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ policyType: 'Custom', policyName: `read-artifacts-${suffix}`, roleName }));
  await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: `alice-${suffix}` }));
  return { alice, bob, roleArn: role.body!.role!.arn!, roleName };
}
