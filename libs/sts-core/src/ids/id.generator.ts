import { v7 as uuidV7 } from 'uuid';
import { LONG_TERM_ACCESS_KEY_PREFIX, TEMPORARY_ACCESS_KEY_PREFIX } from './id.formats';
import { base62Fixed, randomBase62, randomDecimal, randomIntInclusive } from './random-source';

export const newLongTermAccessKeyId = (): string => LONG_TERM_ACCESS_KEY_PREFIX + randomBase62(20);

/**
 * `STS.` + the issuing millisecond in 8 base62 characters + 16 random ones (≈ 95 bits). Time first
 * so that the ids (and the session stream ids built from them) are appended at the end of every
 * index they key instead of landing on a random page: per issuance that is one page written
 * instead of one per index (bench/RESULTS.md, gateway). The id is an identifier, not a secret.
 */
export const newTemporaryAccessKeyId = (now: number = Date.now()): string => TEMPORARY_ACCESS_KEY_PREFIX + base62Fixed(now, 8) + randomBase62(16);

/** 30 base62 characters ≈ 178 bits, the length Alibaba's long-term secrets have. */
export const newAccessKeySecret = (): string => randomBase62(30);

export const newAccountId = (): string => randomDecimal(16);

/** User and role ids: 17–19 digits, so they never collide in shape with a 16-digit account id. */
export const newPrincipalId = (): string => randomDecimal(randomIntInclusive(17, 19));

/** An uppercase UUIDv7: time-ordered, so the audit trail's index by RequestId grows at its end. */
export const newRequestId = (): string => uuidV7().toUpperCase();

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
