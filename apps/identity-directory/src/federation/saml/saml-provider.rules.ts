import { ActionParams } from '@opensts/platform';
import { Errors } from '@opensts/sts-core/errors';

export const AUTHN_SIGN_ALGOS = ['rsa-sha1', 'rsa-sha256'] as const;

export const authnSignAlgo = (p: ActionParams, fallback?: string): string | undefined =>
  p.oneOf('AuthnSignAlgo', AUTHN_SIGN_ALGOS) ?? fallback;

/** Description of a SAML or OIDC provider: at most 256 characters (federation.md). */
export function providerDescription(param: string, value: string | undefined): string | undefined {
  if (value !== undefined && [...value].length > 256) throw Errors.invalidParameterLength(param);
  return value;
}
