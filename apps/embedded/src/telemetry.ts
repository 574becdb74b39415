// Imported first by main.ts: OpenTelemetry must patch http/pg/grpc before anything loads them.
import { startTelemetry } from '@opensts/platform/telemetry';

startTelemetry({ serviceName: 'opensts-embedded', otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
