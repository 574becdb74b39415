/**
 * The shapes of the identifiers OpenSTS mints (sts-api.md §2, ram-api.md §3). Observed Alibaba
 * formats where the docs give one; the lengths are ours where they are UNCONFIRMED.
 */
export const ID_FORMATS = {
  /** `LTAI` + 20 base62 = 24 characters, like Alibaba's examples. */
  longTermAccessKeyId: /^LTAI[0-9A-Za-z]{20}$/,
  /** `STS.` + 24 base62; verifiers test only the prefix, which is what routes to token checks. */
  temporaryAccessKeyId: /^STS\.[0-9A-Za-z]{24}$/,
  accessKeySecret: /^[0-9A-Za-z]{30}$/,
  accountId: /^[1-9][0-9]{15}$/,
  principalId: /^[1-9][0-9]{16,18}$/,
  requestId: /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
  eventId: /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
} as const;

export type IdFormat = keyof typeof ID_FORMATS;

export const LONG_TERM_ACCESS_KEY_PREFIX = 'LTAI';
export const TEMPORARY_ACCESS_KEY_PREFIX = 'STS.';

/** How the gateway tells an STS key (token required) from a long-term one. */
export function isTemporaryAccessKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith(TEMPORARY_ACCESS_KEY_PREFIX);
}

export function matchesIdFormat(format: IdFormat, value: string): boolean {
  return ID_FORMATS[format].test(value);
}
