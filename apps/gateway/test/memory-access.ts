import { randomBytes } from 'node:crypto';
import { AccessIndex, DirectoryView, markerOf, PermissionEvaluator, projectEvent, RequestAuthenticator, RevocationView } from '@opensts/access';
import { KeyRing, SecretBox } from '@opensts/sts-core/crypto';
import type { EventEnvelope } from '@opensts/sts-core/events';
import type { NonceStore } from '@opensts/sts-core/signing';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { ALICE, BOB, directoryEvents } from './directory.fixtures';

/** Nonces in a Set: what DatabaseNonceStore does, without the database. */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Set<string>();
  claim(accessKeyId: string, nonce: string): boolean {
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/**
 * The real libs/access authenticator and evaluator over an in-memory directory, seeded with the
 * root key, alice (active key) and bob (inactive key), plus whatever `extra` events add.
 */
export function memoryAccess(...extra: ((box: SecretBox) => EventEnvelope)[]) {
  const ring = new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1');
  const box = new SecretBox(ring);
  const codec = new SecurityTokenCodec(ring);
  const index = new AccessIndex();
  const feed = (...envelopes: EventEnvelope[]) => envelopes.forEach((e) => projectEvent(e).forEach((c) => index.apply(c, markerOf(e))));
  feed(
    directoryEvents.account(),
    directoryEvents.rootKey(box),
    directoryEvents.user(ALICE),
    directoryEvents.userKey(box, ALICE),
    directoryEvents.user(BOB),
    directoryEvents.userKey(box, BOB, 'Inactive'),
    directoryEvents.role(),
    ...extra.map((f) => f(box)),
  );
  const directory = new DirectoryView(index, box);
  return {
    box,
    codec,
    feed,
    authenticator: new RequestAuthenticator(directory, new RevocationView(index, directory), codec, new MemoryNonceStore()),
    evaluator: new PermissionEvaluator(directory),
  };
}
