import type { ActionBody } from '@opensts/platform';
import { assumeRoleBody } from '../assume-role/assume-role.response';
import type { AssumeRoleWithSamlResult } from './assume-role-with-saml.handler';

/** AssumeRole's body plus `SAMLAssertionInfo` (sts-api.md §4.2); the caller adds RequestId. */
export function assumeRoleWithSamlBody(result: AssumeRoleWithSamlResult): ActionBody {
  const { assertion } = result;
  return {
    ...assumeRoleBody(result),
    SAMLAssertionInfo: { SubjectType: assertion.subjectType, Subject: assertion.subject, Recipient: assertion.recipient, Issuer: assertion.issuer },
  };
}
