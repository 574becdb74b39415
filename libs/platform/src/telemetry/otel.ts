import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { metrics } from '@opentelemetry/api';
import { MetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { recordSpans } from './trace-context';

let sdk: NodeSDK | undefined;

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP endpoint; without it nothing is exported, but W3C context still propagates. */
  otlpEndpoint?: string;
  /** Tests pass an in-memory processor to assert span shapes. */
  spanProcessors?: SpanProcessor[];
  /** Tests pass a reader they collect from; without any, no MeterProvider is registered (no-op meter). */
  metricReaders?: MetricReader[];
}

/**
 * Must run before Nest and before http/pg/grpc are required, so each app's main.ts imports its
 * telemetry bootstrap first. Kafka spans are made by the event bus itself (see ADR 0004): the
 * contrib kafkajs instrumentation would stamp the outbox relay's context over the request's.
 */
export function startTelemetry(opts: TelemetryOptions): void {
  if (sdk) return;
  const endpoint = opts.otlpEndpoint?.replace(/\/$/, '');
  const spanProcessors =
    opts.spanProcessors ?? (endpoint ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))] : []);
  sdk = new NodeSDK({
    // the app's name unless the operator names it (OTEL_SERVICE_NAME: the SDK's option would win over it)
    serviceName: process.env.OTEL_SERVICE_NAME || opts.serviceName,
    spanProcessors,
    logRecordProcessors: [],
    metricReaders:
      opts.metricReaders ??
      (endpoint ? [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }), exportIntervalMillis: 10_000 })] : []),
    // With nothing exported, the HTTP server span of every request buys nothing and costs ~10 % of
    // an AssumeRole in `npm start` (bench/RESULTS.md): the gateway then joins the caller's W3C
    // context itself (`withIncomingTraceContext`), so propagation is unchanged.
    // The same holds for gRPC server and client spans and PostgreSQL query spans (~5 % of
    // token-issuance's CPU per AssumeRole): our gRPC servers and clients carry the W3C context in
    // metadata themselves (`withIncomingGrpcTraceContext`, `traceMetadata`).
    instrumentations: [
      ...(spanProcessors.length > 0 ? [httpInstrumentation(), new GrpcInstrumentation(), new PgInstrumentation({ requireParentSpan: true })] : []),
      new PinoInstrumentation(),
    ],
  });
  sdk.start();
  recordSpans(spanProcessors.length > 0);
}

/**
 * Query parameters whose values never reach a span: V1 requests carry the SecurityToken and the
 * Signature in the query string, anonymous AssumeRoleWith* calls may carry the assertion or token.
 * The instrumentation's defaults (AWS/GCP names and `Signature`) are kept.
 */
export const REDACTED_QUERY_PARAMETERS: readonly string[] = [
  'sig', 'Signature', 'AWSAccessKeyId', 'X-Goog-Signature', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token',
  'SecurityToken', 'SAMLAssertion', 'OIDCToken', 'BearerToken', 'AccessKeySecret',
];

export function httpInstrumentation(): HttpInstrumentation {
  return new HttpInstrumentation({
    ignoreIncomingRequestHook: (req) => req.url === '/healthz' || req.url === '/readyz',
    redactedQueryParamsServer: [...REDACTED_QUERY_PARAMETERS],
    redactedQueryParams: [...REDACTED_QUERY_PARAMETERS],
  });
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
  metrics.disable();
  recordSpans(false);
}
