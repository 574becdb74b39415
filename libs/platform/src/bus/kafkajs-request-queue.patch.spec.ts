/**
 * patches/kafkajs+2.2.4.patch (applied by patch-package at `npm ci`): kafkajs 2.2.4 re-arms a
 * 1 ms timer forever on every connection once its queue is empty (tulios/kafkajs#1556), which
 * cost each idle service 50–100 ms of CPU per second (bench/RESULTS.md, idle). These tests run
 * the installed kafkajs, so they fail if the patch was not applied.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => Queue;

interface Queue {
  pending: unknown[];
  inflight: Map<number, unknown>;
  push(request: { entry: object; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer | null; size: number }): void;
  maybeThrottle(ms: number): void;
  checkPendingRequests(): void;
}

const quiet = { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined };
const queueOf = () => new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 't', broker: 'b:1', logger: quiet });
const entry = (correlationId: number) => ({ correlationId, apiKey: 1, apiName: 'Fetch', apiVersion: 11, resolve: () => undefined, reject: () => undefined });

describe('kafkajs request queue (patched)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('arms no timer once nothing is pending: an idle connection does not spin', () => {
    const queue = queueOf();
    const checks = jest.spyOn(queue, 'checkPendingRequests');
    queue.push({ entry: entry(1), expectResponse: true, sendRequest: () => undefined });
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    jest.advanceTimersByTime(1_000);
    expect(checks).toHaveBeenCalledTimes(1); // the fulfilment's own check; unpatched: ~1 000 more
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still sends a request that waited for the one in flight', () => {
    const queue = queueOf();
    const sent: number[] = [];
    queue.push({ entry: entry(1), expectResponse: true, sendRequest: () => sent.push(1) });
    queue.push({ entry: entry(2), expectResponse: true, sendRequest: () => sent.push(2) });
    expect(sent).toEqual([1]);
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1, 2]);
  });

  it('still sends a request held back by broker throttling once the throttle ends', () => {
    const queue = queueOf();
    const sent: number[] = [];
    queue.maybeThrottle(50);
    queue.push({ entry: entry(1), expectResponse: true, sendRequest: () => sent.push(1) });
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(60);
    expect(sent).toEqual([1]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
