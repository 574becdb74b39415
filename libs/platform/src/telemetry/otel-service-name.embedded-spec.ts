import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, stopTelemetry } from './otel';

describe('startTelemetry', () => {
  const exported = async (env: string | undefined): Promise<unknown> => {
    const exporter = new InMemorySpanExporter();
    const saved = process.env.OTEL_SERVICE_NAME;
    if (env === undefined) delete process.env.OTEL_SERVICE_NAME;
    else process.env.OTEL_SERVICE_NAME = env;
    try {
      startTelemetry({ serviceName: 'gateway', spanProcessors: [new SimpleSpanProcessor(exporter)] });
      trace.getTracer('test').startSpan('x').end();
      // the processor exports once the resource's detected attributes are in
      for (let i = 0; i < 100 && exporter.getFinishedSpans().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      return exporter.getFinishedSpans()[0]?.resource.attributes['service.name'];
    } finally {
      await stopTelemetry();
      trace.disable(); // the API keeps its first global provider otherwise
      if (saved === undefined) delete process.env.OTEL_SERVICE_NAME;
      else process.env.OTEL_SERVICE_NAME = saved;
    }
  };

  it("names the service after the app, unless OTEL_SERVICE_NAME names it (the README's configuration)", async () => {
    expect(await exported(undefined)).toBe('gateway');
    expect(await exported('sts-eu-1')).toBe('sts-eu-1');
  });
});
