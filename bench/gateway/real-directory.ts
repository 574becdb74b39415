import RPCClient from '@alicloud/pop-core';
import type { Credentials } from './signed-load';

export const BENCH_ROOT = { accountId: '1234567890123456', accessKeyId: 'LTAI5tBenchRoot000000000', accessKeySecret: 'BenchRootSecret00000000000000x' };

type Root = typeof BENCH_ROOT;

/**
 * What the load needs in a real deployment, built through the RAM API as a user would: a RAM
 * user with AliyunSTSAssumeRoleAccess and an AccessKey, and a role trusting the account. Waits
 * until AssumeRole succeeds (in distributed mode the directory reaches the services by Kafka).
 */
export async function prepareRealDirectory(host: string, root: Root = BENCH_ROOT): Promise<{ credentials: Credentials; roleArn: string }> {
  const ram = new RPCClient({ endpoint: `http://${host}`, apiVersion: '2015-05-01', accessKeyId: root.accessKeyId, accessKeySecret: root.accessKeySecret });
  const call = <T>(action: string, params: Record<string, unknown>) => ram.request<T>(action, params, { method: 'POST' });
  for (let i = 0; ; i++) {
    const ok = await call('ListUsers', {}).then(() => true, () => false);
    if (ok) break;
    if (i > 300) throw new Error('the root key never reached the gateway');
    await new Promise((r) => setTimeout(r, 200));
  }
  const suffix = Date.now().toString(36);
  await call('CreateUser', { UserName: `bench-${suffix}` });
  const key = await call<{ AccessKey: { AccessKeyId: string; AccessKeySecret: string } }>('CreateAccessKey', { UserName: `bench-${suffix}` });
  const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${root.accountId}:root`] } }] };
  const role = await call<{ Role: { Arn: string } }>('CreateRole', { RoleName: `bench-${suffix}`, AssumeRolePolicyDocument: JSON.stringify(trust) });
  await call('AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AliyunSTSAssumeRoleAccess', UserName: `bench-${suffix}` });
  const credentials = { accessKeyId: key.AccessKey.AccessKeyId, accessKeySecret: key.AccessKey.AccessKeySecret };
  const user = new RPCClient({ endpoint: `http://${host}`, apiVersion: '2015-04-01', ...credentials });
  for (let i = 0; ; i++) {
    const ok = await user.request('AssumeRole', { RoleArn: role.Role.Arn, RoleSessionName: 'bench-warm' }, { method: 'POST' }).then(() => true, () => false);
    if (ok) return { credentials, roleArn: role.Role.Arn };
    if (i > 300) throw new Error('AssumeRole never succeeded');
    await new Promise((r) => setTimeout(r, 200));
  }
}
