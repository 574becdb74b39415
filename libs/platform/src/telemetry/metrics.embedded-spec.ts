import { createNoopMeter } from '@opentelemetry/api';
import { CollectingMetricReader } from '../../../../test/support/metric-capture';
import { openstsMeter, recordsMetrics } from './metrics';
import { startTelemetry, stopTelemetry } from './otel';

describe(openstsMeter.name, () => {
  afterEach(() => stopTelemetry());

  it('is the no-op meter when nothing exports (no OTLP endpoint): its instruments cost an empty call', () => {
    startTelemetry({ serviceName: 'metrics-test' });
    const sut = openstsMeter();
    expect(sut).toBe(createNoopMeter());
    expect(recordsMetrics(sut)).toBe(false);
  });

  it('records into the readers telemetry was started with (in a service, the OTLP exporter)', async () => {
    const reader = new CollectingMetricReader();
    startTelemetry({ serviceName: 'metrics-test', metricReaders: [reader] });
    const sut = openstsMeter();
    expect(recordsMetrics(sut)).toBe(true);
    sut.createCounter('opensts.test.things').add(2, { 'opensts.test': 'yes' });

    const { resourceMetrics } = await reader.collect();
    const scope = resourceMetrics.scopeMetrics.find((s) => s.scope.name === 'opensts');
    expect(scope?.metrics[0]).toMatchObject({ descriptor: { name: 'opensts.test.things' }, dataPoints: [{ attributes: { 'opensts.test': 'yes' }, value: 2 }] });
    expect(resourceMetrics.resource.attributes['service.name']).toBe('metrics-test');
  });
});
