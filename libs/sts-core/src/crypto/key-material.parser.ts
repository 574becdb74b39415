import { readFileSync } from 'node:fs';
import { KEY_LENGTH, KeyRing, KeyRingError } from './key-ring';

export type ReadKeyFile = (path: string) => Buffer;

export interface KeyRingConfigOptions {
  /** Defaults to the first key listed. */
  readonly activeKeyId?: string;
  /** Injected by tests; defaults to `fs.readFileSync`. */
  readonly readFile?: ReadKeyFile;
}

const FILE_PREFIX = 'file:';
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** The id of a ring given as one bare key, the common single-key deployment. */
export const DEFAULT_KEY_ID = 'default';

/**
 * One 32-byte key from configuration: base64 (standard or url-safe) of 32 bytes, or `file:<path>`
 * to a file holding either that text or the 32 raw bytes (a mounted Kubernetes/Docker secret).
 * Error messages never quote the value.
 */
export function parseKeyMaterial(value: string, readFile: ReadKeyFile = readFileSync): Buffer {
  const trimmed = value.trim();
  if (trimmed.startsWith(FILE_PREFIX)) return fromFile(trimmed.slice(FILE_PREFIX.length), readFile);
  return fromBase64(trimmed, 'the configured key');
}

function fromFile(path: string, readFile: ReadKeyFile): Buffer {
  let content: Buffer;
  try {
    content = readFile(path);
  } catch (cause) {
    throw new KeyRingError(`cannot read key file ${path}: ${(cause as Error).message}`);
  }
  if (content.length === KEY_LENGTH) return Buffer.from(content);
  return fromBase64(content.toString('utf8').trim(), `key file ${path}`);
}

function fromBase64(text: string, what: string): Buffer {
  const bytes = BASE64.test(text) ? Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64') : undefined;
  if (bytes === undefined || bytes.length !== KEY_LENGTH) {
    throw new KeyRingError(`${what} must be base64 of exactly ${KEY_LENGTH} bytes (e.g. \`openssl rand -base64 32\`)`);
  }
  return bytes;
}

/**
 * A key ring from one configuration string, e.g. an environment variable:
 * `k2:<base64>,k1:file:/run/secrets/k1` (first is active unless `activeKeyId` says otherwise), or
 * a single bare `<base64>` / `file:<path>` which becomes the key `default`.
 */
export function parseKeyRing(spec: string, options: KeyRingConfigOptions = {}): KeyRing {
  const items = spec
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new KeyRingError('no key configured');
  const entries = items.map((item) => {
    const colon = item.indexOf(':');
    const bare = colon < 0 || item.startsWith(FILE_PREFIX);
    if (bare && items.length > 1) throw new KeyRingError('with several keys each must be written <key-id>:<key>');
    return bare
      ? { id: DEFAULT_KEY_ID, key: parseKeyMaterial(item, options.readFile) }
      : { id: item.slice(0, colon), key: parseKeyMaterial(item.slice(colon + 1), options.readFile) };
  });
  const ring = new KeyRing(entries, options.activeKeyId ?? entries[0].id);
  for (const entry of entries) entry.key.fill(0);
  return ring;
}
