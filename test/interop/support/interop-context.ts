import * as $Sts from '@alicloud/sts20150401';
import { buildDirectory, type InteropDirectory } from './interop-directory';
import type { InteropTarget } from './interop-target';
import { stsClient, type SdkCredentials } from './sdk-clients';

export interface InteropContext {
  target: InteropTarget;
  dir: InteropDirectory;
}

export const EXPIRATION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Builds the directory through the RAM SDK, then waits until the directory has reached the
 * services that authenticate (gateway) and issue (token-issuance): in distributed mode it
 * travels by Kafka.
 */
export async function prepareContext(target: InteropTarget, suffix: string): Promise<InteropContext> {
  const dir = await buildDirectory(target, suffix);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await assumeRoleV3(target, dir.alice, dir.roleArn, 'warm-up');
      return { target, dir };
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function assumeRoleV3(t: InteropTarget, caller: SdkCredentials, roleArn: string, roleSessionName: string, extra: Partial<$Sts.AssumeRoleRequest> = {}) {
  const res = await stsClient(t.httpHost, caller).assumeRole(new $Sts.AssumeRoleRequest({ roleArn, roleSessionName, durationSeconds: 900, ...extra }));
  const c = res.body!.credentials!;
  return { body: res.body!, statusCode: res.statusCode, credentials: { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! } };
}
