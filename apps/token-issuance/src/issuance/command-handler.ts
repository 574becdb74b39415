import { Inject, Injectable } from '@nestjs/common';
import type { IssuanceEvent } from '@opensts/sts-core/events';
import { inSpan } from '@opensts/platform';
import { fold, type Decider } from './decider';
import { EventStore, VersionConflictError } from './infrastructure/event-store';

export interface HandleOptions<E> {
  aggregateType: string;
  /** Tenant of the envelopes, from the decided events. */
  accountIdOf: (events: readonly E[]) => string | undefined;
  /** The stream id was just minted: skip the read (the unique index still guards the append). */
  newStream?: boolean;
  maxAttempts?: number;
}

export interface Handled<E, S> {
  /** Empty when the command changed nothing. */
  events: E[];
  /** The stream's state after the new events. */
  state: S;
}

/**
 * The one command handler (STYLE §7): load the stream, fold it, decide, append with the version
 * the decision was made on; on a version conflict do it all again, on anything else give up.
 * Deciding is pure, so a retry is always safe.
 */
@Injectable()
export class CommandHandler {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  handle<C extends { type: string }, E extends IssuanceEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, options: HandleOptions<E>): Promise<Handled<E, S>> {
    return inSpan(`issuance.command ${command.type}`, { attributes: { 'opensts.stream_id': streamId } }, async () => {
      const maxAttempts = options.maxAttempts ?? 5;
      for (let attempt = 1; ; attempt++) {
        const stream = attempt === 1 && options.newStream ? { version: 0, events: [] } : await this.store.readStream(streamId);
        const state = fold(decider, stream.events as E[]);
        const events = decider.decide(command, state);
        if (events.length === 0) return { events, state };
        try {
          await this.store.append({ streamId, expectedVersion: stream.version, events, aggregateType: options.aggregateType, accountId: options.accountIdOf(events) });
          return { events, state: events.reduce(decider.evolve, state) };
        } catch (err) {
          if (!(err instanceof VersionConflictError) || attempt >= maxAttempts) throw err;
        }
      }
    });
  }
}
