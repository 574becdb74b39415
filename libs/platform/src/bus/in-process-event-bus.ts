import { Logger } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { contextFromHeaders, inSpan } from '../telemetry/trace-context';
import { EventBus, OutgoingMessage, Subscription } from './event-bus.port';

/**
 * Embedded-mode bus: delivers each published message to every subscribed group in publish order
 * and resolves only when all handlers succeeded, so the outbox relay keeps the row (and retries)
 * if any consumer failed. Consumers dedupe by event id, as they do on Kafka.
 */
export class InProcessEventBus extends EventBus {
  private readonly logger = new Logger(InProcessEventBus.name);
  private readonly subscriptions: Subscription[] = [];
  private started = false;

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      for (const sub of this.subscriptions) {
        if (!sub.topics.includes(message.topic)) continue;
        const parent = contextFromHeaders(message.envelope);
        await inSpan(
          `${message.topic} process`,
          { kind: SpanKind.CONSUMER, parent, attributes: { 'messaging.system': 'in-process', 'messaging.consumer.group.name': sub.group } },
          () => sub.handler({ topic: message.topic, envelope: message.envelope }),
        ).catch((err: unknown) => {
          this.logger.warn(`consumer ${sub.group} failed on ${message.envelope.type}; will be redelivered`);
          throw err;
        });
      }
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
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
