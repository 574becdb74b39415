import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Topics } from '@opensts/sts-core/events';
import { INFRA, requireInfra, uniqueSuffix } from '../../../../test/support/infra';
import { KafkaEventBus } from '../bus';
import { envelopeFor } from '../outbox/envelope.factory';
import { startTelemetry, stopTelemetry } from './otel';
import { inSpan } from './trace-context';

jest.setTimeout(60_000);

describe('trace context across Kafka (real broker)', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(async () => {
    await requireInfra();
    startTelemetry({ serviceName: 'trace-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  });
  afterAll(() => stopTelemetry());

  it('continues the request trace: request span -> PRODUCER span -> CONSUMER span, headers carry traceparent', async () => {
    const namespace = `trace-${uniqueSuffix()}.`;
    const producer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'trace-p', namespace });
    const consumer = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'trace-c', namespace });
    const received: { traceparent?: string; activeTraceId?: string }[] = [];
    await consumer.subscribe({
      group: 'trace',
      topics: [Topics.audit],
      handler: async () => {
        received.push({ activeTraceId: trace.getSpan(context.active())?.spanContext().traceId });
      },
    });
    await Promise.all([producer.start(), consumer.start()]);

    // the envelope is created inside the request's span (as a service does in a handler) ...
    let requestTraceId = '';
    let requestSpanId = '';
    const envelope = await inSpan('AssumeRole request', { kind: SpanKind.SERVER }, async (span) => {
      requestTraceId = span.spanContext().traceId;
      requestSpanId = span.spanContext().spanId;
      return envelopeFor({ type: 'Traced', schemaVersion: 1, payload: {} }, { aggregateType: 'T', aggregateId: 't' });
    });
    // ... and published later, outside it, as the outbox relay does
    await producer.publish([{ topic: Topics.audit, key: 't', envelope }]);
    const deadline = Date.now() + 30_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    const spans = exporter.getFinishedSpans();
    const producerSpan = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    const consumerSpan = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(envelope.traceparent).toContain(requestTraceId);
    expect(producerSpan.spanContext().traceId).toBe(requestTraceId);
    expect(producerSpan.parentSpanContext?.spanId).toBe(requestSpanId);
    expect(consumerSpan.spanContext().traceId).toBe(requestTraceId);
    expect(consumerSpan.parentSpanContext?.spanId).toBe(producerSpan.spanContext().spanId);
    expect(received[0].activeTraceId).toBe(requestTraceId);

    await Promise.all([producer.stop(), consumer.stop()]);
  });
});
