import type { EventEnvelope } from './envelope';
import type { IssuanceEvent, SessionIssuedV2, StoredIssuanceEvent } from './issuance.events';
import type { SessionIssuedV1 } from './session-issued.v1';

/** The serialised form of an event: what the event store row and the envelope carry. */
export interface SerialisedEvent {
  type: string;
  schemaVersion: number;
  payload: unknown;
}

export class UnknownEventVersionError extends Error {
  override readonly name = 'UnknownEventVersionError';

  constructor(type: string, schemaVersion: number) {
    super(`no upcast for ${type} v${schemaVersion}`);
  }
}

const secondsBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

/** v1 knew only whether a policy was given; the duration follows from the two instants. */
export function upcastSessionIssuedV1(v1: SessionIssuedV1): SessionIssuedV2 {
  return { ...v1, durationSeconds: secondsBetween(v1.issuedAt, v1.expiration) };
}

/**
 * The one serde of issuance events: writes the newest version of each type and reads every
 * version ever written, upcasting older ones step by step. Producers (the event store, the
 * outbox) and consumers (projections, the gateway's revocation view, audit) all go through it.
 */
export const issuanceSerde = {
  serialise(event: IssuanceEvent): SerialisedEvent {
    return { type: event.type, schemaVersion: event.schemaVersion, payload: event.payload };
  },

  /** Throws UnknownEventVersionError for a type or version this build does not know. */
  deserialise(stored: SerialisedEvent): IssuanceEvent {
    const event = stored as StoredIssuanceEvent;
    switch (event.type) {
      case 'SessionIssued':
        if (event.schemaVersion === 2) return event;
        if (event.schemaVersion === 1) return { type: 'SessionIssued', schemaVersion: 2, payload: upcastSessionIssuedV1(event.payload) };
        break;
      case 'SessionRevoked':
      case 'RoleSessionsRevoked':
      case 'AssumeRoleRefused':
        if (event.schemaVersion === 1) return event;
        break;
      default: {
        const unknownType: never = event;
        throw new UnknownEventVersionError((unknownType as SerialisedEvent).type, (unknownType as SerialisedEvent).schemaVersion);
      }
    }
    throw new UnknownEventVersionError(stored.type, stored.schemaVersion);
  },

  /** The same, for an envelope taken off the bus: payload and version upcast, the rest kept. */
  upcastEnvelope(envelope: EventEnvelope): EventEnvelope<IssuanceEvent['type'], IssuanceEvent['payload']> {
    const event = issuanceSerde.deserialise(envelope);
    return { ...envelope, type: event.type, schemaVersion: event.schemaVersion, payload: event.payload };
  },

  isIssuanceEventType(type: string): type is IssuanceEvent['type'] {
    return type === 'SessionIssued' || type === 'SessionRevoked' || type === 'RoleSessionsRevoked' || type === 'AssumeRoleRefused';
  },
};
