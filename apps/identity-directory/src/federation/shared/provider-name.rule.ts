import { isValidName, NAME_RULES } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';

/** SAML/OIDC provider names: 1-128 of `[A-Za-z0-9._-]`, no special character first or last. */
export function checkProviderName(param: string, value: string): string {
  if (value.length > NAME_RULES.providerName.max) throw Errors.invalidParameterLength(param);
  if (!isValidName('providerName', value)) throw Errors.invalidParameterChars(param);
  return value;
}
