import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import type { OutgoingMessage } from '@opensts/sts-core/events';
import { openstsMeter, recordsMetrics } from '../telemetry/metrics';

/** Seconds from an event's occurredAt to its publication: milliseconds when healthy, minutes when the bus is down. */
const LAG_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

/** `opensts.outbox.published` and `opensts.outbox.lag`, per topic (docs/observability.md). */
export class RelayMetrics {
  private readonly published: Counter;
  private readonly lag: Histogram;
  private readonly on: boolean;
  /** One attribute set per topic, made once: topics are a fixed few. */
  private readonly byTopic = new Map<string, Attributes>();

  constructor(meter = openstsMeter()) {
    this.on = recordsMetrics(meter);
    this.published = meter.createCounter('opensts.outbox.published', { unit: '{event}', description: 'Events the outbox relay handed to the event bus (republications after a crash count again).' });
    this.lag = meter.createHistogram('opensts.outbox.lag', {
      unit: 's',
      description: "Seconds between an event's occurredAt and the bus acknowledging its publication.",
      advice: { explicitBucketBoundaries: LAG_BUCKETS_SECONDS },
    });
  }

  /** Call once the bus acknowledged `messages`. */
  record(messages: readonly OutgoingMessage[], nowMs = Date.now()): void {
    if (!this.on) return;
    for (const { topic, envelope } of messages) {
      const attributes = this.attributesOf(topic);
      this.published.add(1, attributes);
      const lagMs = nowMs - Date.parse(envelope.occurredAt);
      // occurredAt comes from another clock when another instance wrote the row
      if (Number.isFinite(lagMs)) this.lag.record(Math.max(0, lagMs) / 1000, attributes);
    }
  }

  private attributesOf(topic: string): Attributes {
    let attributes = this.byTopic.get(topic);
    if (!attributes) this.byTopic.set(topic, (attributes = { 'messaging.destination.name': topic }));
    return attributes;
  }
}

/** `opensts.inbox.events` of one idempotent consumer: deliveries applied, and redeliveries skipped. */
export class InboxMetrics {
  private readonly events: Counter;
  private readonly applied: Attributes;
  private readonly duplicate: Attributes;

  constructor(consumer: string, meter = openstsMeter()) {
    this.events = meter.createCounter('opensts.inbox.events', { unit: '{event}', description: 'Deliveries to an idempotent consumer, by outcome: applied, or a duplicate skipped.' });
    this.applied = { 'opensts.consumer': consumer, 'opensts.inbox.outcome': 'applied' };
    this.duplicate = { 'opensts.consumer': consumer, 'opensts.inbox.outcome': 'duplicate' };
  }

  record(applied: boolean): void {
    this.events.add(1, applied ? this.applied : this.duplicate);
  }
}
