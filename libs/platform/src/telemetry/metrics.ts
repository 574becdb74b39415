import { createNoopMeter, metrics, type Meter } from '@opentelemetry/api';

/**
 * The meter of OpenSTS's own instruments (docs/observability.md). Get it where the instruments are
 * made once, in a constructor, never at import: the metrics API has no proxy meter, so an
 * instrument made before `startTelemetry` registers a MeterProvider would stay a no-op. With
 * nothing exported no MeterProvider is registered and this is the API's no-op meter.
 */
export function openstsMeter(): Meter {
  return metrics.getMeter('opensts');
}

/** False for the no-op meter: its instruments drop everything, so work done only to feed them can be skipped. */
export function recordsMetrics(meter: Meter): boolean {
  return meter !== createNoopMeter();
}
