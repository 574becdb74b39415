import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { currentTraceHeaders } from '../telemetry/trace-context';
import { DeliveredMessage } from '@opensts/sts-core/events';
import { InProcessEventBus } from './in-process-event-bus';

const env = (type: string, i: number): EventEnvelope => ({ eventId: `e${i}`, type, schemaVersion: 1, occurredAt: '', aggregateType: 'A', aggregateId: 'a', aggregateVersion: i, payload: {} });

describe(InProcessEventBus.name, () => {
  it('delivers a published batch whole to a batch handler and one by one to a handler, in order, filtered by topic and type', async () => {
    const sut = new InProcessEventBus();
    const batches: string[][] = [];
    const single: string[] = [];
    await sut.subscribe({ group: 'b', topics: ['t'], batchHandler: async (ms) => void batches.push(ms.map((m) => m.envelope.eventId)) });
    await sut.subscribe({ group: 's', topics: ['t'], eventTypes: ['Wanted'], handler: async (m: DeliveredMessage) => void single.push(m.envelope.eventId) });
    await sut.publish([
      { topic: 't', key: 'a', envelope: env('Wanted', 1) },
      { topic: 'other', key: 'a', envelope: env('Wanted', 2) },
      { topic: 't', key: 'a', envelope: env('Noise', 3) },
      { topic: 't', key: 'a', envelope: env('Wanted', 4) },
    ]);
    expect(batches).toEqual([['e1', 'e3', 'e4']]);
    expect(single).toEqual(['e1', 'e4']);
  });

  it('runs a batch handler in its first message’s trace context, as Kafka delivers it, not in the relay’s', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    try {
      const sut = new InProcessEventBus();
      const seen: (string | undefined)[] = [];
      await sut.subscribe({ group: 'audit', topics: ['t'], batchHandler: async () => void seen.push(currentTraceHeaders().traceparent) });
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      await sut.publish([{ topic: 't', key: 'a', envelope: { ...env('E', 1), traceparent } }, { topic: 't', key: 'a', envelope: env('E', 2) }]);
      expect(seen).toEqual([traceparent]);
    } finally {
      context.disable();
      propagation.disable();
    }
  });

  it('fails the publish when a consumer fails, so the relay keeps the rows', async () => {
    const sut = new InProcessEventBus();
    await sut.subscribe({ group: 'x', topics: ['t'], batchHandler: async () => Promise.reject(new Error('db down')) });
    await expect(sut.publish([{ topic: 't', key: 'a', envelope: env('E', 1) }])).rejects.toThrow('db down');
  });

  it('refuses a subscription without exactly one handler', async () => {
    await expect(new InProcessEventBus().subscribe({ group: 'x', topics: ['t'] })).rejects.toThrow(/exactly one/);
  });
});
