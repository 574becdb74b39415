import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Metadata } from '@grpc/grpc-js';
import { contextFromHeaders, currentTraceHeaders, inSpan, spansRecorded, traceMetadata, withIncomingGrpcTraceContext, withIncomingTraceContext } from './trace-context';

describe(withIncomingTraceContext.name, () => {
  const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  it("joins the caller's trace when no HTTP server span is active (events carry it on)", async () => {
    const headers = await withIncomingTraceContext({ traceparent: incoming, tracestate: 'vendor=x' }, async () => {
      await Promise.resolve();
      return currentTraceHeaders();
    });
    expect(headers).toEqual({ traceparent: incoming, tracestate: 'vendor=x' });
  });

  it('leaves an active server span in charge', () => {
    const span = new BasicTracerProvider().getTracer('t').startSpan('server');
    const headers = context.with(trace.setSpan(context.active(), span), () => withIncomingTraceContext({ traceparent: incoming }, currentTraceHeaders));
    expect(headers.traceparent).toContain(span.spanContext().spanId);
  });

  it('runs without a trace when the caller sent none', () => {
    expect(withIncomingTraceContext({}, currentTraceHeaders)).toEqual({ traceparent: undefined, tracestate: undefined });
  });

  it('carries the context over a gRPC hop without the gRPC instrumentation: the client sends it in metadata, the server joins it', () => {
    const sent = withIncomingTraceContext({ traceparent: incoming, tracestate: 'vendor=x' }, traceMetadata);
    expect([sent.get('traceparent'), sent.get('tracestate')]).toEqual([[incoming], ['vendor=x']]);
    expect(withIncomingGrpcTraceContext(sent, currentTraceHeaders)).toEqual({ traceparent: incoming, tracestate: 'vendor=x' });
    expect(traceMetadata().get('traceparent')).toEqual([]);
    expect(withIncomingGrpcTraceContext(new Metadata(), currentTraceHeaders)).toEqual({ traceparent: undefined, tracestate: undefined });
  });
});

describe(inSpan.name, () => {
  const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  it("makes no span when nothing records spans, and runs the work in the parent's context", async () => {
    expect(spansRecorded()).toBe(false);
    const seen = await inSpan('consume', { parent: contextFromHeaders({ traceparent: parent }) }, async (span) => {
      await Promise.resolve();
      return { headers: currentTraceHeaders(), recording: span.isRecording() };
    });
    expect(seen).toEqual({ headers: { traceparent: parent, tracestate: undefined }, recording: false });
  });

  it('gives a message without trace context none, not the context active where it is handled', () => {
    const other = '00-11111111111111111111111111111111-2222222222222222-01';
    const within = context.with(contextFromHeaders({ traceparent: other }), () => contextFromHeaders({}));
    expect(trace.getSpanContext(within)).toBeUndefined();
    expect(trace.getSpanContext(context.with(contextFromHeaders({ traceparent: other }), () => contextFromHeaders({ traceparent: parent })))?.traceId).toBe(parent.split('-')[1]);
  });

  it('passes the work the active span when it has no parent of its own', async () => {
    const headers = await context.with(contextFromHeaders({ traceparent: parent }), () => inSpan('command', {}, async () => currentTraceHeaders()));
    expect(headers.traceparent).toBe(parent);
  });
});
