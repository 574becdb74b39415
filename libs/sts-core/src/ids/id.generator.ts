import { randomUUID } from 'node:crypto';
import { v7 as uuidV7 } from 'uuid';
import { LONG_TERM_ACCESS_KEY_PREFIX, TEMPORARY_ACCESS_KEY_PREFIX } from './id.formats';
import { randomBase62, randomDecimal, randomIntInclusive } from './random-source';

export const newLongTermAccessKeyId = (): string => LONG_TERM_ACCESS_KEY_PREFIX + randomBase62(20);

export const newTemporaryAccessKeyId = (): string => TEMPORARY_ACCESS_KEY_PREFIX + randomBase62(24);

/** 30 base62 characters ≈ 178 bits, the length Alibaba's long-term secrets have. */
export const newAccessKeySecret = (): string => randomBase62(30);

export const newAccountId = (): string => randomDecimal(16);

/** User and role ids: 17–19 digits, so they never collide in shape with a 16-digit account id. */
export const newPrincipalId = (): string => randomDecimal(randomIntInclusive(17, 19));

/** Node's randomUUID keeps its own entropy cache, the cheapest way to a v4 UUID. */
export const newRequestId = (): string => randomUUID().toUpperCase();

/** UUIDv7: time-ordered, so event ids sort like the log and index well. */
export const newEventId = (): string => uuidV7();

/**
 * The generators as one injectable class: handlers take it as a dependency so unit tests can
 * automock it and decisions receive fixed ids (STYLE §3).
 */
export class IdGenerator {
  longTermAccessKeyId(): string {
    return newLongTermAccessKeyId();
  }

  temporaryAccessKeyId(): string {
    return newTemporaryAccessKeyId();
  }

  accessKeySecret(): string {
    return newAccessKeySecret();
  }

  accountId(): string {
    return newAccountId();
  }

  userId(): string {
    return newPrincipalId();
  }

  roleId(): string {
    return newPrincipalId();
  }

  requestId(): string {
    return newRequestId();
  }

  eventId(): string {
    return newEventId();
  }
}
