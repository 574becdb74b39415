/**
 * A closed-loop gRPC load generator: `concurrency` requests always in flight, spread over
 * `connections` separate HTTP/2 connections, for `durationMs` after a warm-up. Latency is measured
 * per request with hrtime; the report gives throughput and percentiles.
 */
export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  /** Called when the measured window opens and closes (e.g. to read CPU counters). */
  window?: { open(): void; close(): void };
}

export interface LoadReport {
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  firstError?: string;
}

export async function runLoad(send: (worker: number) => Promise<unknown>, o: LoadOptions): Promise<LoadReport> {
  const start = Date.now();
  const measureFrom = start + o.warmupMs;
  const end = measureFrom + o.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let opened = false;
  let closed = false;
  const open = () => ((opened = true), o.window?.open());
  const close = () => {
    if (opened && !closed) o.window?.close();
    closed = true;
  };
  const opening = setTimeout(open, o.warmupMs);
  const closing = setTimeout(close, o.warmupMs + o.durationMs);
  const worker = async (id: number) => {
    for (;;) {
      const t0 = process.hrtime.bigint();
      if (Date.now() >= end) return;
      try {
        await send(id);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
      const now = Date.now();
      if (now >= measureFrom && now < end) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, i) => worker(i)));
  clearTimeout(opening);
  clearTimeout(closing);
  close(); // the last worker can finish a hair before the timer fires
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / (o.durationMs / 1000),
    p50Ms: pct(50),
    p90Ms: pct(90),
    p99Ms: pct(99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    firstError,
  };
}

export const fmt = (r: LoadReport): string =>
  `${Math.round(r.perSecond).toLocaleString('en-US').padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p90 ${r.p90Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  max ${r.maxMs.toFixed(1).padStart(6)} ms  (${r.requests} ok, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ''})`;
