import type { ActionBody } from '@opensts/platform';
import { assumeRoleBody } from '../assume-role/assume-role.response';
import { isoSeconds } from '../session.decider';
import type { AssumeRoleWithOidcResult } from './assume-role-with-oidc.handler';

/** AssumeRole's body plus `OIDCTokenInfo` (sts-api.md §5.2); the caller adds RequestId. */
export function assumeRoleWithOidcBody(result: AssumeRoleWithOidcResult): ActionBody {
  const { token } = result;
  return {
    ...assumeRoleBody(result),
    OIDCTokenInfo: {
      Issuer: token.issuer,
      Subject: token.subject,
      ClientIds: token.audiences.join(','),
      IssuanceTime: isoSeconds(token.issuedAt),
      ExpirationTime: isoSeconds(token.expiresAt),
      VerificationInfo: 'Success',
    },
  };
}
