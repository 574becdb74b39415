import { Logger } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { contextFromHeaders, inSpan } from '../telemetry/trace-context';
import { assertSubscription, DeliveredMessage, EventBus, OutgoingMessage, Subscription } from '@opensts/sts-core/events';

/**
 * Embedded-mode bus: delivers each published batch to every subscribed group in publish order
 * and resolves only when all handlers succeeded, so the outbox relay keeps the rows (and retries)
 * if any consumer failed. Consumers dedupe by event id, as they do on Kafka.
 */
export class InProcessEventBus extends EventBus {
  private readonly logger = new Logger(InProcessEventBus.name);
  private readonly subscriptions: { sub: Subscription; types?: ReadonlySet<string> }[] = [];
  private started = false;

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const { sub, types } of this.subscriptions) {
      const mine: DeliveredMessage[] = [];
      for (const m of messages) {
        if (sub.topics.includes(m.topic) && (!types || types.has(m.envelope.type))) mine.push({ topic: m.topic, envelope: m.envelope });
      }
      if (mine.length === 0) continue;
      try {
        if (sub.batchHandler) await this.deliverBatch(sub, mine);
        else for (const m of mine) await this.deliver(sub, m);
      } catch (err) {
        this.logger.warn(`consumer ${sub.group} failed on a batch of ${mine.length}; it will be redelivered`);
        throw err;
      }
    }
  }

  /** A batch runs in its first message's trace context, as on Kafka (ADR 0004), not in the relay's. */
  private deliverBatch(sub: Subscription, messages: DeliveredMessage[]): Promise<void> {
    const attributes = { 'messaging.system': 'in-process', 'messaging.consumer.group.name': sub.group, 'messaging.batch.message_count': messages.length };
    return inSpan(`${messages[0].topic} process`, { kind: SpanKind.CONSUMER, parent: contextFromHeaders(messages[0].envelope), attributes }, () => sub.batchHandler!(messages));
  }

  private deliver(sub: Subscription, m: DeliveredMessage): Promise<void> {
    const attributes = { 'messaging.system': 'in-process', 'messaging.consumer.group.name': sub.group };
    return inSpan(`${m.topic} process`, { kind: SpanKind.CONSUMER, parent: contextFromHeaders(m.envelope), attributes }, () => sub.handler!(m));
  }

  async subscribe(subscription: Subscription): Promise<void> {
    assertSubscription(subscription);
    this.subscriptions.push({ sub: subscription, types: subscription.eventTypes ? new Set(subscription.eventTypes) : undefined });
  }

  async start(): Promise<void> {
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
  }

  async isReady(): Promise<boolean> {
    return this.started;
  }
}
