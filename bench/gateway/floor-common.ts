import { createCipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { pooledRandomBytes } from '../../libs/sts-core/src/ids/random-source';

/** What the floor's processes share: their settings from the environment and their group commit. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * The items submitted during one event-loop turn go to `write` together, one batch at a time
 * (the group commit the real nonce store and event store do). `write` settles each item itself.
 */
export function perTurn<T>(write: (batch: T[]) => Promise<void>): (item: T) => void {
  let pending: T[] = [];
  let writing = false;
  const drain = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await write(batch);
    }
    writing = false;
  };
  return (item) => {
    pending.push(item);
    if (!writing) {
      writing = true;
      setImmediate(() => void drain());
    }
  };
}

const SECRET = 'floorSecret000000000000000000&';
/**
 * The V1 signature's own work on a request's query: the sorted, percent-encoded string to sign,
 * HMAC-SHA1 and a constant-time compare. The floor's load is signed for OpenSTS, with another
 * secret, so the result is not acted on (a real verifier refuses here).
 */
export function signatureWork(query: Record<string, string>): void {
  const canonical = Object.keys(query)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k])}`)
    .join('&');
  const expected = createHmac('sha1', SECRET).update(`POST&%2F&${encodeURIComponent(canonical)}`).digest();
  const given = Buffer.from(query.Signature ?? '', 'base64');
  if (given.length === expected.length) timingSafeEqual(given, expected);
}

/** A SecurityToken sealer: the claims as JSON under AES-256-GCM with a fresh IV, base64. */
export function tokenSealer(): (claims: object) => string {
  const key = randomBytes(32);
  return (claims) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64');
  };
}

/**
 * Random bytes from a pool, as OpenSTS takes them: one `randomBytes` call per value is a getrandom
 * system call (~2 µs here, several per AssumeRole).
 */
export const randomBytes = pooledRandomBytes;

/**
 * A time-ordered id (UUIDv7, the library OpenSTS mints its event ids with): index inserts then
 * append instead of landing at random pages of a B-tree.
 */
export const orderedId = (): string => uuidv7();

export interface AssumeRoleAsked { roleArn: string; sessionName: string; accessKeyId: string }

/** One issuance: the session's id, its SessionIssued envelope (JSON) and the AssumeRole answer (JSON). */
export function issueSession(request: AssumeRoleAsked, seal: (claims: object) => string): { sessionId: string; eventId: string; envelope: string; answer: string } {
  const sessionId = orderedId();
  const eventId = orderedId();
  const expiration = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const token = seal({ sessionId, roleArn: request.roleArn, sessionName: request.sessionName, expiration });
  const secret = randomBytes(22).toString('base64url');
  const envelope = JSON.stringify({
    eventId,
    type: 'SessionIssued',
    schemaVersion: 2,
    occurredAt: new Date().toISOString(),
    aggregateType: 'RoleSession',
    aggregateId: sessionId,
    aggregateVersion: 1,
    payload: { sessionId, roleArn: request.roleArn, sessionName: request.sessionName, issuedTo: request.accessKeyId, expiration, policyDigest: null, sourceIp: '127.0.0.1' },
  });
  const answer = JSON.stringify({
    RequestId: orderedId().toUpperCase(),
    AssumedRoleUser: { Arn: `${request.roleArn}/${request.sessionName}`, AssumedRoleId: `3${sessionId.slice(0, 17)}:${request.sessionName}` },
    Credentials: { SecurityToken: token, Expiration: expiration, AccessKeySecret: secret, AccessKeyId: `STS.${sessionId.replace(/-/g, '')}` },
  });
  return { sessionId, eventId, envelope, answer };
}
