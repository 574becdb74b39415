import { RamErrors } from '@opensts/sts-core/errors';

/** OIDC provider parameter rules (federation.md B.1, ram-api.md §8). */
export const ISSUANCE_LIMIT_TIME = { min: 1, max: 168, fallback: 12 } as const;

export function checkIssuerUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const ok = url !== undefined && value.length <= 255 && value.startsWith('https://') && url.protocol === 'https:' && url.hostname !== '' && !/[?#@]/.test(value);
  if (!ok) throw RamErrors.invalid('IssuerUrl');
  return value;
}

/** SHA-1 thumbprint: 40 hex digits, `:` separators allowed; stored lower-case without them. */
export function normaliseFingerprint(value: string): string {
  const hex = value.trim().replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(hex)) throw RamErrors.invalid('Fingerprint');
  return hex;
}

export function checkClientId(value: string): string {
  const id = value.trim();
  if (id.length === 0 || id.length > 128 || !/^[A-Za-z0-9][A-Za-z0-9.\-_:/]*$/.test(id)) throw RamErrors.invalid('ClientId');
  return id;
}

/** A comma list as clients send it (`a, b`), trimmed and de-duplicated, each item checked. */
function list<T extends string>(raw: string | undefined, each: (v: string) => T): T[] {
  if (raw === undefined) return [];
  return [...new Set(raw.split(',').map((v) => v.trim()).filter((v) => v !== '').map(each))];
}

export function parseFingerprints(raw: string | undefined, max: number): string[] {
  const values = list(raw, normaliseFingerprint);
  if (values.length > max) throw RamErrors.oidcFingerprintLimit();
  return values;
}

export function parseClientIds(raw: string | undefined, max: number): string[] {
  const values = list(raw, checkClientId);
  if (values.length > max) throw RamErrors.oidcClientIdLimit();
  return values;
}
