import { parseRoleArnParameter, parseSamlProviderArnParameter, type RoleArn, type SamlProviderArn } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';
import { AssumeRoleParams, parseSessionOptions, present } from '../assume-role/assume-role.request';

/**
 * AssumeRoleWithSAML's parameters once their shape is valid (sts-api.md §4.1). There is no
 * RoleSessionName parameter: the session name is an attribute of the assertion.
 */
export interface AssumeRoleWithSamlRequest {
  readonly providerArn: SamlProviderArn;
  readonly providerArnText: string;
  readonly roleArn: RoleArn;
  readonly roleArnText: string;
  /** base64 of the whole SAML Response; its checks are the verifier's (federation.md A.4). */
  readonly assertion: string;
  readonly policy?: string;
  readonly durationSeconds?: number;
}

export function parseAssumeRoleWithSamlRequest(params: AssumeRoleParams): AssumeRoleWithSamlRequest {
  const providerArnText = present(params, 'SAMLProviderArn');
  const roleArnText = present(params, 'RoleArn');
  const assertion = present(params, 'SAMLAssertion');
  if (providerArnText === undefined) throw Errors.missingParameter('SAMLProviderArn');
  if (roleArnText === undefined) throw Errors.missingParameter('RoleArn');
  if (assertion === undefined) throw Errors.missingParameter('SAMLAssertion');
  const providerArn = parseSamlProviderArnParameter(providerArnText);
  if (!providerArn.ok) throw providerArn.error;
  const roleArn = parseRoleArnParameter(roleArnText);
  if (!roleArn.ok) throw roleArn.error;
  return { providerArn: providerArn.arn, providerArnText, roleArn: roleArn.arn, roleArnText, assertion, ...parseSessionOptions(params, true) };
}
