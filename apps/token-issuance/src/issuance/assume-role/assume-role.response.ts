import { sessionIdentity } from '@opensts/sts-core/token';
import type { ActionBody } from '@opensts/platform';
import { isoSeconds } from '../session.decider';
import type { AssumeRoleResult } from './assume-role.handler';

/** The success body in Alibaba's JSON shape (sts-api.md §3.3); the caller adds RequestId. */
export function assumeRoleBody({ claims, credentials }: AssumeRoleResult): ActionBody {
  const id = sessionIdentity(claims);
  return {
    AssumedRoleUser: { Arn: id.assumedRoleUserArn, AssumedRoleId: id.assumedRoleId },
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      AccessKeySecret: credentials.accessKeySecret,
      SecurityToken: credentials.securityToken,
      Expiration: isoSeconds(credentials.expiration),
    },
    ...(claims.sourceIdentity !== undefined ? { SourceIdentity: claims.sourceIdentity } : {}),
  };
}
