import { Errors, StsError } from '../errors';
import { parseArnOfKind } from './arn.parser';
import type { ArnKind, ArnOfKind, OidcProviderArn, RoleArn, SamlProviderArn } from './arn.types';

/** An STS request parameter that must hold one kind of ARN, or the Alibaba error to answer with. */
export type ArnParameterResult<T> = { readonly ok: true; readonly arn: T } | { readonly ok: false; readonly error: StsError };

const wronglyFormed = (parameter: string) =>
  parameter === 'RoleArn'
    ? Errors.roleArnInvalid()
    : Errors.invalidParameter(parameter, `The parameter ${parameter} is wrongly formed.`);

function parameterOfKind<K extends ArnKind>(kind: K, parameter: string, value: string): ArnParameterResult<ArnOfKind<K>> {
  const result = parseArnOfKind(kind, value);
  return result.ok ? result : { ok: false, error: wronglyFormed(parameter) };
}

/** `RoleArn` of AssumeRole*: anything but `acs:ram::<digits>:role/<name>` is `InvalidParameter.RoleArn`. */
export const parseRoleArnParameter = (value: string): ArnParameterResult<RoleArn> =>
  parameterOfKind('role', 'RoleArn', value);

export const parseSamlProviderArnParameter = (value: string): ArnParameterResult<SamlProviderArn> =>
  parameterOfKind('saml-provider', 'SAMLProviderArn', value);

export const parseOidcProviderArnParameter = (value: string): ArnParameterResult<OidcProviderArn> =>
  parameterOfKind('oidc-provider', 'OIDCProviderArn', value);
