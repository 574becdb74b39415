import { Metadata } from '@grpc/grpc-js';
import { context, propagation, trace, Context, INVALID_SPAN_CONTEXT, ROOT_CONTEXT, SpanKind, SpanStatusCode, Span } from '@opentelemetry/api';

export const tracer = trace.getTracer('opensts');

let recording = false;

/**
 * Whether our own spans (commands, store appends, Kafka producer/consumer) are made: only when
 * something exports them (`startTelemetry` with span processors). Otherwise `inSpan` only runs
 * the work in its parent's context, so the W3C context still reaches envelopes and Kafka headers.
 */
export function recordSpans(on: boolean): void {
  recording = on;
}

export const spansRecorded = (): boolean => recording;

/** The W3C trace context of the active span, to store in an event envelope or Kafka headers. */
export function currentTraceHeaders(): { traceparent?: string; tracestate?: string } {
  const carrier = traceCarrier();
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** The same as headers to send: only the ones there are (none outside a trace). */
export function traceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * The trace context an event or message carries, and only that: one without `traceparent` gets
 * none, never the context active where it is handled (inside a batch that is another message's
 * request, possibly another tenant's).
 */
export function contextFromHeaders(headers: { traceparent?: string; tracestate?: string }): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * Runs `fn` in the caller's W3C trace context (`traceparent`/`tracestate` request headers) unless
 * an HTTP server span is already active (the http instrumentation, loaded when spans are exported).
 */
export function withIncomingTraceContext<T>(headers: Readonly<Record<string, string | string[] | undefined>>, fn: () => T): T {
  if (headers.traceparent === undefined || trace.getActiveSpan() !== undefined) return fn();
  return context.with(propagation.extract(context.active(), headers), fn);
}

/**
 * The same for a gRPC call's metadata. Without an exporter the gRPC instrumentation is not loaded
 * (its server and client spans would be made for nobody, at ~5 % of token-issuance's CPU), so our
 * servers join the caller's context here and our clients send theirs with `traceMetadata`.
 */
export function withIncomingGrpcTraceContext<T>(metadata: Metadata, fn: () => T): T {
  const [traceparent] = metadata.get('traceparent');
  if (typeof traceparent !== 'string') return fn();
  const [tracestate] = metadata.get('tracestate');
  return withIncomingTraceContext({ traceparent, tracestate: typeof tracestate === 'string' ? tracestate : undefined }, fn);
}

/** Metadata carrying the active W3C context (the gRPC instrumentation, when loaded, sets its client span's instead). */
export function traceMetadata(): Metadata {
  const metadata = new Metadata();
  const { traceparent, tracestate } = currentTraceHeaders();
  if (traceparent) metadata.set('traceparent', traceparent);
  if (tracestate) metadata.set('tracestate', tracestate);
  return metadata;
}

/** Runs `fn` in a span that is a child of `parent` (or the active context), ending it on settle. */
export async function inSpan<T>(
  name: string,
  opts: { kind?: SpanKind; attributes?: Record<string, string | number | boolean>; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = opts.parent ?? context.active();
  if (!recording) {
    const current = trace.getSpan(parent) ?? trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    return opts.parent ? context.with(parent, () => fn(current)) : fn(current);
  }
  const span = tracer.startSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
    throw err;
  } finally {
    span.end();
  }
}
