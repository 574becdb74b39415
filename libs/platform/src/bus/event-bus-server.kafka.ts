import { Logger } from '@nestjs/common';
import { KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { EventEnvelope, isEventEnvelope } from '@opensts/sts-core/events';
import { contextFromHeaders, inSpan, spansRecorded, tracer } from '../telemetry/trace-context';
import { DeliveredMessage, Subscription } from '@opensts/sts-core/events';

/**
 * Nest's Kafka server (its kafkajs client, consumer lifecycle and status events) driving one
 * Subscription with `eachBatch` instead of Nest's per-message RPC dispatch: messages of other
 * event types are skipped by header without parsing, a batch handler gets a whole fetch, and
 * kafkajs resolves and commits offsets only after the handler succeeded (a throw redelivers).
 */
export class EventBusServerKafka extends ServerKafka {
  private readonly log = new Logger(EventBusServerKafka.name);
  private readonly types?: ReadonlySet<string>;
  /** kafkajs stopped this consumer for good: nothing it reads is applied any more (readiness reports it). */
  crashed = false;

  constructor(options: NonNullable<KafkaOptions['options']>, private readonly sub: Subscription, private readonly namespace: string) {
    super(options);
    this.types = sub.eventTypes ? new Set(sub.eventTypes) : undefined;
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.crashed = true;
      this.log.error(`consumer ${this.sub.group} stopped for good: ${payload.error.name}: ${payload.error.message}`);
    });
    await consumer.subscribe({ topics: this.sub.topics.map((t) => this.namespace + t), fromBeginning: this.sub.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 500,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload): Promise<void> {
    const topic = batch.topic.slice(this.namespace.length);
    const delivered: DeliveredMessage[] = [];
    for (const message of batch.messages) {
      const d = this.decode(topic, batch.partition, message);
      if (d) delivered.push(d);
    }
    if (this.sub.batchHandler && delivered.length > 0) {
      await this.traced(delivered, () => this.sub.batchHandler!(delivered));
    } else if (this.sub.handler) {
      for (const d of delivered) {
        // stopping or rebalanced: leave the rest unresolved, it is delivered again
        if (!isRunning() || isStale()) return;
        await this.traced([d], () => this.sub.handler!(d));
        resolveOffset(d.offset!);
        await heartbeat();
      }
    }
    // only now is the whole fetch (skipped messages included) done
    if (batch.messages.length > 0) resolveOffset(batch.lastOffset());
    await heartbeat();
  }

  private decode(topic: string, partition: number, message: KafkaMessage): DeliveredMessage | undefined {
    const type = message.headers?.['event-type']?.toString();
    if (this.types && type !== undefined && !this.types.has(type)) return undefined;
    let envelope: unknown;
    try {
      envelope = JSON.parse(message.value?.toString() ?? '');
    } catch {
      envelope = undefined;
    }
    if (!isEventEnvelope(envelope)) {
      // a poison message must not block the partition forever: log it and move on
      this.log.error(`skipping a message that is not an event envelope on ${topic}@${partition}:${message.offset}`);
      return undefined;
    }
    if (this.types && !this.types.has(envelope.type)) return undefined;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    return { topic, partition, offset: message.offset, envelope: envelope as EventEnvelope, headers } as DeliveredMessage & { headers: Record<string, string> };
  }

  /** One CONSUMER span per message, child of its PRODUCER span (ADR 0004); the work runs in the first. */
  private async traced(messages: DeliveredMessage[], work: () => Promise<void>): Promise<void> {
    const attributes = { 'messaging.system': 'kafka', 'messaging.consumer.group.name': this.sub.group, 'messaging.destination.name': messages[0].topic, 'messaging.batch.message_count': messages.length };
    const parentOf = (m: DeliveredMessage) => contextFromHeaders((m as DeliveredMessage & { headers: Record<string, string> }).headers);
    const others = spansRecorded() ? messages.slice(1).map((m) => tracer.startSpan(`${m.topic} process`, { kind: SpanKind.CONSUMER, attributes }, parentOf(m))) : [];
    try {
      await inSpan(`${messages[0].topic} process`, { kind: SpanKind.CONSUMER, parent: parentOf(messages[0]), attributes }, work);
    } catch (err) {
      this.log.warn(`consumer ${this.sub.group} failed on ${messages.length} message(s) of ${messages[0].topic}; they will be redelivered`);
      throw redelivered(err);
    } finally {
      others.forEach((s) => s.end());
    }
  }
}

/**
 * A handler's failure as kafkajs must see it to deliver the messages again. It retries only
 * errors that are not marked `retriable: false` and are not a TypeError, RangeError, SyntaxError or
 * ReferenceError: on those it stops the consumer for good, silently, with the offsets uncommitted
 * (so a restart meets the same message). A handler's bug or an event it cannot read is such an
 * error, and the subscription's promise is that a throw redelivers.
 */
export function redelivered(err: unknown): Error {
  const e = new Error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  return Object.assign(e, { name: 'HandlerFailed', retriable: true });
}
