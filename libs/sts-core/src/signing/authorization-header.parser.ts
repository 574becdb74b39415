import { compareCodePoints } from './canonical.builder';
import { V3_ALGORITHM } from './signature-v3.algorithm';

export interface Acs3Authorization {
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signedHeadersList: string;
  readonly signature: string;
}

export type Acs3AuthorizationParse =
  | { readonly ok: true; readonly value: Acs3Authorization }
  | { readonly ok: false; readonly problem: 'UnsupportedAlgorithm' | 'Malformed' };

const malformed = { ok: false, problem: 'Malformed' } as const;

/**
 * `ACS3-HMAC-SHA256 Credential=<ak>,SignedHeaders=<h1;h2>,Signature=<hex>`. Each field exactly once,
 * nothing else; spaces after commas tolerated. SignedHeaders must already be lowercase, sorted and
 * unique: the canonical request is built from that list verbatim, so an unsorted list could only
 * come from a client this server would then disagree with.
 */
export function parseAcs3Authorization(header: string): Acs3AuthorizationParse {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== V3_ALGORITHM) return { ok: false, problem: 'UnsupportedAlgorithm' };

  let credential: string | undefined;
  let list: string | undefined;
  let signature: string | undefined;
  for (const rawField of header.slice(space + 1).split(',')) {
    const field = rawField.trim();
    const eq = field.indexOf('=');
    if (eq <= 0) return malformed;
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (key === 'Credential' && credential === undefined) credential = value;
    else if (key === 'SignedHeaders' && list === undefined) list = value;
    else if (key === 'Signature' && signature === undefined) signature = value;
    else return malformed;
  }
  if (!credential || list === undefined || !signature) return malformed;

  const signedHeaders = list === '' ? [] : list.split(';');
  for (let i = 0; i < signedHeaders.length; i++) {
    const name = signedHeaders[i];
    if (name === '' || name !== name.toLowerCase() || name === 'authorization') return malformed;
    if (i > 0 && compareCodePoints(signedHeaders[i - 1], name) >= 0) return malformed;
  }
  return { ok: true, value: { credential, signedHeaders, signedHeadersList: list, signature } };
}
