import { isValidName, parseOidcProviderArnParameter, parseRoleArnParameter, type OidcProviderArn, type RoleArn } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';
import { AssumeRoleParams, parseSessionOptions, present } from '../assume-role/assume-role.request';

/** AssumeRoleWithOIDC's parameters once their shape is valid (sts-api.md §5.1). */
export interface AssumeRoleWithOidcRequest {
  readonly providerArn: OidcProviderArn;
  readonly roleArn: RoleArn;
  /** As sent: the not-found message and the audit trail quote it. */
  readonly roleArnText: string;
  /** The raw compact JWT; its checks are the verifier's (federation.md B.2). */
  readonly token: string;
  readonly roleSessionName: string;
  readonly policy?: string;
  readonly durationSeconds?: number;
}

/** Required parameters in the order of the spec's table, then their formats, then Policy and DurationSeconds. */
export function parseAssumeRoleWithOidcRequest(params: AssumeRoleParams): AssumeRoleWithOidcRequest {
  const providerArnText = present(params, 'OIDCProviderArn');
  const roleArnText = present(params, 'RoleArn');
  const token = present(params, 'OIDCToken');
  const roleSessionName = present(params, 'RoleSessionName');
  if (providerArnText === undefined) throw Errors.missingParameter('OIDCProviderArn');
  if (roleArnText === undefined) throw Errors.missingParameter('RoleArn');
  if (token === undefined) throw Errors.missingParameter('OIDCToken');
  if (roleSessionName === undefined) throw Errors.missingParameter('RoleSessionName');
  const providerArn = parseOidcProviderArnParameter(providerArnText);
  if (!providerArn.ok) throw providerArn.error;
  const roleArn = parseRoleArnParameter(roleArnText);
  if (!roleArn.ok) throw roleArn.error;
  if (!isValidName('roleSessionName', roleSessionName)) throw Errors.roleSessionNameInvalid();
  return { providerArn: providerArn.arn, roleArn: roleArn.arn, roleArnText, token, roleSessionName, ...parseSessionOptions(params, true) };
}
