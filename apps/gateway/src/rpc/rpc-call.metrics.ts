import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import { openstsMeter, recordsMetrics } from '@opensts/platform';
import type { ActionSpec } from '../routing/action-spec';

/** A call takes ~0.25 ms in `npm start` (bench/RESULTS.md); the upper buckets catch a slow service. */
const DURATION_BUCKETS_SECONDS = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A code with a segment between its first and last names a parameter (`InvalidParameter.<Name>.Length`).
 * Before routing that name is whatever the client sent, so it is recorded as `*`: a client cannot
 * mint series. Routed calls name only their action's parameters and keep the code as it is.
 */
const unroutedCode = (code: string): string => code.replace(/^([^.]+)\..+\.([^.]+)$/, '$1.*.$2');

/**
 * RED metrics of the RPC API (docs/observability.md): `opensts.gateway.calls` and
 * `opensts.gateway.call.duration`. Product and action are the routed ones, or `Unknown`.
 */
export class RpcCallMetrics {
  private readonly calls: Counter;
  private readonly duration: Histogram;
  private readonly on: boolean;

  constructor(meter = openstsMeter()) {
    this.on = recordsMetrics(meter);
    this.calls = meter.createCounter('opensts.gateway.calls', { unit: '{call}', description: 'RPC calls answered, by product, action, HTTP status and (refused) Alibaba error code.' });
    this.duration = meter.createHistogram('opensts.gateway.call.duration', {
      unit: 's',
      description: 'Time from the request arriving to its answer being rendered.',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_SECONDS },
    });
  }

  record(spec: ActionSpec | undefined, status: number, errorCode: string | undefined, seconds: number): void {
    if (!this.on) return;
    const attributes: Attributes = { 'acs.product': spec?.product ?? 'Unknown', 'acs.action': spec?.action ?? 'Unknown', 'http.response.status_code': status };
    this.duration.record(seconds, attributes);
    this.calls.add(1, errorCode === undefined ? attributes : { ...attributes, 'acs.error_code': spec ? errorCode : unroutedCode(errorCode) });
  }
}
