import { metrics, type Attributes } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';

/** A reader that exports nothing: the test collects from it when it wants to look. */
export class CollectingMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface MetricCapture {
  /** Every point of the metric so far (cumulative): counters give a number, histograms `{ count, sum, … }`. */
  points(name: string): Promise<{ attributes: Attributes; value: DataPoint<unknown>['value'] }[]>;
  stop(): Promise<void>;
}

/**
 * Registers a global MeterProvider as `startTelemetry` does when it exports, so instruments made
 * from now on record. Call before the code under test makes its instruments (in its constructor).
 */
export function captureMetrics(): MetricCapture {
  const reader = new CollectingMetricReader();
  const provider = new MeterProvider({ readers: [reader] });
  if (!metrics.setGlobalMeterProvider(provider)) throw new Error('a MeterProvider was already registered');
  return {
    points: async (name) => {
      const { resourceMetrics } = await reader.collect();
      const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
      return (metric?.dataPoints ?? []).map((p: DataPoint<unknown>) => ({ attributes: p.attributes, value: p.value }));
    },
    stop: async () => {
      metrics.disable();
      await provider.shutdown();
    },
  };
}
