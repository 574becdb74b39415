/** Field extraction shared by the V1, V3 and anonymous parsers. */
import { Errors } from '../errors';
import { parseAcsTimestamp } from './acs-timestamp.codec';
import { canonicalHeaderValue } from './signature-v3.algorithm';
import { failure, type HeaderMap, type SigningFailure } from './signing.types';

/**
 * A header as the V3 canonical request sees it (trimmed, repeats joined), so whatever the server
 * acts on is exactly what was signed. `undefined` when absent or empty.
 */
export function headerText(headers: HeaderMap, name: string): string | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const value = canonicalHeaderValue(raw);
  return value === '' ? undefined : value;
}

/** An empty parameter counts as missing: `AccessKeyId=` identifies no one. */
export function paramText(params: ReadonlyMap<string, string>, name: string): string | undefined {
  const value = params.get(name);
  return value === '' ? undefined : value;
}

export type Field<T> = { readonly ok: true; readonly value: T } | SigningFailure;

/**
 * The SecurityToken from the `SecurityToken` parameter and/or the `x-acs-security-token` header
 * (sts-sdk sends both). Two different tokens would leave the caller guessing which one the
 * signature vouches for, so that is refused.
 */
export function securityTokenField(
  accessKeyId: string,
  params: ReadonlyMap<string, string>,
  headers: HeaderMap,
): Field<string | undefined> {
  const fromParam = paramText(params, 'SecurityToken');
  const fromHeader = headerText(headers, 'x-acs-security-token');
  if (fromParam !== undefined && fromHeader !== undefined && fromParam !== fromHeader) {
    return failure('InvalidParameter', Errors.badRequest('The SecurityToken parameter and the x-acs-security-token header differ.'));
  }
  const token = fromParam ?? fromHeader;
  if (token === undefined && accessKeyId.startsWith('STS.')) {
    return failure('MissingSecurityToken', Errors.missingSecurityToken());
  }
  return { ok: true, value: token };
}

export function timestampField(timestamp: string): Field<number> {
  const ms = parseAcsTimestamp(timestamp);
  return ms === undefined ? failure('BadTimestampFormat', Errors.timestampFormat()) : { ok: true, value: ms };
}
