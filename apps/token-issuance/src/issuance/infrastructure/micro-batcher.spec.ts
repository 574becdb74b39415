import { MicroBatcher } from './micro-batcher';

const tick = () => new Promise((r) => setImmediate(r));

describe(MicroBatcher.name, () => {
  it('runs an item at once when a slot is free, and groups the items that arrive while slots are busy', async () => {
    const runs: number[][] = [];
    const gates: (() => void)[] = [];
    const sut = new MicroBatcher<number, number>(
      (items) => {
        runs.push(items);
        return new Promise((resolve) => gates.push(() => resolve(items.map((i) => i * 10))));
      },
      { maxBatch: 100, maxConcurrent: 1 },
    );
    const first = sut.submit(1);
    const rest = [2, 3, 4].map((i) => sut.submit(i));
    await tick();
    expect(runs).toEqual([[1]]);
    gates.shift()!();
    expect(await first).toBe(10);
    await tick();
    expect(runs).toEqual([[1], [2, 3, 4]]);
    gates.shift()!();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('does not settle a submitter before its run finished', async () => {
    let release!: () => void;
    const sut = new MicroBatcher<number, number>((items) => new Promise((r) => (release = () => r(items))), { maxBatch: 10, maxConcurrent: 2 });
    let settled = false;
    const p = sut.submit(7).then((v) => ((settled = true), v));
    await tick();
    expect(settled).toBe(false);
    release();
    expect(await p).toBe(7);
  });

  it('retries a failed run item by item so only the culprit fails', async () => {
    const runs: number[][] = [];
    let block!: () => void;
    const blocker = new Promise<void>((r) => (block = r));
    const sut = new MicroBatcher<number, number>(
      async (items) => {
        runs.push(items);
        if (items[0] === 0) await blocker;
        if (items.includes(3)) throw new Error(`conflict in ${items.join(',')}`);
        return items;
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const warmup = sut.submit(0);
    const results = [1, 2, 3, 4].map((i) => sut.submit(i).then((v) => ({ ok: v }), (e: Error) => ({ err: e.message })));
    block();
    await warmup;
    expect(await Promise.all(results)).toEqual([{ ok: 1 }, { ok: 2 }, { err: 'conflict in 3' }, { ok: 4 }]);
    expect(runs[1]).toEqual([1, 2, 3, 4]);
  });

  it('never puts more than maxBatch items in one run, nor more than maxConcurrent runs in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const sut = new MicroBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return items;
      },
      { maxBatch: 5, maxConcurrent: 3 },
    );
    await Promise.all(Array.from({ length: 60 }, (_, i) => sut.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(peak).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
  });
});
