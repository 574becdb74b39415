import type { EventEnvelope, IssuanceEvent } from '@opensts/sts-core/events';
import { AppendToStream, RecordedEvent, VersionConflictError } from '../src/issuance/infrastructure/event-store';

/** The EventStore's contract in memory, for handler tests: same versions, same conflicts. */
export class InMemoryEventStore {
  readonly streams = new Map<string, IssuanceEvent[]>();
  readonly published: IssuanceEvent[] = [];
  /** Makes the next append fail with this error (once). */
  failNextAppend?: Error;

  async readStream(streamId: string): Promise<{ version: number; events: IssuanceEvent[] }> {
    const events = this.streams.get(streamId) ?? [];
    return { version: events.length, events: [...events] };
  }

  async append(a: AppendToStream): Promise<RecordedEvent[]> {
    if (this.failNextAppend) {
      const err = this.failNextAppend;
      this.failNextAppend = undefined;
      throw err;
    }
    const current = this.streams.get(a.streamId) ?? [];
    if (current.length !== a.expectedVersion) throw new VersionConflictError(a.streamId, a.expectedVersion);
    this.streams.set(a.streamId, [...current, ...a.events]);
    return a.events.map((event, i) => ({ streamId: a.streamId, version: a.expectedVersion + i + 1, event, envelope: {} as EventEnvelope }));
  }

  async publish(event: IssuanceEvent): Promise<EventEnvelope> {
    this.published.push(event);
    return {} as EventEnvelope;
  }

  all(): IssuanceEvent[] {
    return [...this.streams.values()].flat();
  }
}
