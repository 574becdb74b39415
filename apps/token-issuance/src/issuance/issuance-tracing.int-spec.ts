import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Topics } from '@opensts/sts-core/events';
import { inSpan, KafkaEventBus, OutboxRelay, startTelemetry, stopTelemetry } from '@opensts/platform';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from '../../../../test/support/infra';
import { IssuanceStore, openIssuanceStore, postgresConfig } from '../../test/issuance-store.harness';
import { ROLE } from '../../test/issuance.fixtures';
import { SessionDecider } from './session.decider';

jest.setTimeout(60_000);

/**
 * STYLE §13 on the real seams: the command span is a child of the request, the store append a
 * child of the command, and the Kafka PRODUCER span (made later by the relay) continues the same
 * trace from the command that emitted the event.
 */
describe('tracing of an issuance (PostgreSQL, Kafka)', () => {
  const exporter = new InMemorySpanExporter();
  const cleanups: (() => Promise<unknown>)[] = [];
  let s: IssuanceStore;

  beforeAll(async () => {
    await requireInfra();
    startTelemetry({ serviceName: 'issuance-trace-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const db = await freshDatabase('issuance_trace');
    cleanups.push(db.drop);
    s = await openIssuanceStore(postgresConfig(db.url));
    cleanups.unshift(() => s.db.dataSource.destroy());
  });

  afterAll(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
    await stopTelemetry();
  });

  it('request -> issuance.command IssueSession -> issuance.event-store.append, and the PRODUCER span in the same trace', async () => {
    const bus = new KafkaEventBus({ brokers: INFRA.kafkaBrokers, clientId: 'issuance-trace', namespace: `trace-issuance-${uniqueSuffix()}.` });
    await bus.start();
    cleanups.unshift(() => bus.stop());
    const relay = new OutboxRelay(s.db, bus, { lockKey: 99, idleMs: 20 });

    const accessKeyId = 'STS.TRACETRACETRACETRACETRA';
    let requestSpan: { traceId: string; spanId: string } | undefined;
    await inSpan('AssumeRole request', { kind: SpanKind.SERVER }, async (span) => {
      requestSpan = span.spanContext();
      await s.commands.handle(
        SessionDecider,
        `session-${accessKeyId}`,
        {
          type: 'IssueSession',
          data: { accessKeyId, mechanism: 'AssumeRole', caller: { type: 'RAMUser', arn: 'acs:ram::1234567890123456:user/alice' }, requestedRoleArn: ROLE.arn, role: ROLE, roleSessionName: 'trace', authorization: { decision: 'Allow' }, now: new Date() },
        },
        { aggregateType: 'Session', accountIdOf: () => ROLE.accountId, newStream: true },
      );
    });
    expect(await relay.drain()).toBe(1);

    const spans = exporter.getFinishedSpans();
    const named = (name: string): ReadableSpan => {
      const span = spans.find((x) => x.name === name);
      if (!span) throw new Error(`no span ${name} among ${spans.map((x) => x.name).join(', ')}`);
      return span;
    };
    const command = named('issuance.command IssueSession');
    const append = named('issuance.event-store.append');
    const producer = named(`${Topics.issuance} publish`);
    expect(command.spanContext().traceId).toBe(requestSpan!.traceId);
    expect(command.parentSpanContext?.spanId).toBe(requestSpan!.spanId);
    expect(append.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(append.attributes['opensts.stream_id']).toBe(`session-${accessKeyId}`);
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(producer.spanContext().traceId).toBe(requestSpan!.traceId);
    expect(producer.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
  });
});
