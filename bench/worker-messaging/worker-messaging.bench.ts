/**
 * What it costs to hand an AssumeRole-sized call to another thread and get its answer back:
 * a worker_threads round trip (the request's ~0.5 KB of fields in, a ~1.2 KB answer out), one
 * message per call or all the calls of an event-loop turn in one message, next to the baseline of
 * the same objects answered in the same thread through a promise. CPU µs per call counts both
 * threads (process.cpuUsage). The input of ADR 0013 (the embedded mode on two threads).
 *   npm run bench -- worker-messaging       (BENCH_ROUNDS, default 3; BENCH_CALLS, default 100 000)
 */
import { Worker } from 'node:worker_threads';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
const IN_FLIGHT = 64;

const WORKER = `
const { parentPort } = require('node:worker_threads');
const answer = (r) => ({ id: r.id, body: 'x'.repeat(1200) });
parentPort.on('message', (m) => parentPort.postMessage(Array.isArray(m) ? m.map(answer) : answer(m)));`;

const request = (id: number) => ({
  id,
  action: 'AssumeRole',
  params: { RoleArn: 'acs:ram::1234567890123456:role/deployer', RoleSessionName: 'bench-1', DurationSeconds: '3600' },
  principal: { type: 2, accountId: '1234567890123456', arn: 'acs:ram::1234567890123456:user/alice', accessKeyId: 'LTAI5tAliceKey0000000000', userId: '2000000001', userName: 'alice' },
  context: { requestId: '01A22524-E992-77F5-9B6F-E517BA6978C0', sourceIp: '127.0.0.1', secureTransport: false },
});

type Mode = 'same thread' | 'worker, one message per call' | 'worker, one message per turn';

async function measure(mode: Mode, worker: Worker): Promise<{ perSecond: number; cpuUs: number }> {
  const waiting = new Map<number, () => void>();
  let next = 0;
  let started = 0;
  let turn: ReturnType<typeof request>[] = [];
  worker.removeAllListeners('message');
  worker.on('message', (m: { id: number } | { id: number }[]) => {
    for (const r of Array.isArray(m) ? m : [m]) {
      waiting.get(r.id)!();
      waiting.delete(r.id);
    }
  });
  const call = () =>
    new Promise<void>((resolve) => {
      const r = request(next++);
      if (mode === 'same thread') {
        void Promise.resolve({ id: r.id, body: 'x'.repeat(1200) }).then(() => resolve());
        return;
      }
      waiting.set(r.id, resolve);
      if (mode === 'worker, one message per call') return worker.postMessage(r);
      if (turn.length === 0)
        setImmediate(() => {
          worker.postMessage(turn);
          turn = [];
        });
      turn.push(r);
    });
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (started < CALLS) {
        started++;
        await call();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: CALLS / seconds, cpuUs: (cpu.user + cpu.system) / CALLS };
}

async function main(): Promise<void> {
  const worker = new Worker(WORKER, { eval: true });
  const modes: Mode[] = ['same thread', 'worker, one message per call', 'worker, one message per turn'];
  const results = new Map<Mode, { perSecond: number; cpuUs: number }[]>(modes.map((m) => [m, []]));
  console.log(`node ${process.version}, ${CALLS} calls per run, ${IN_FLIGHT} in flight, ${ROUNDS} rounds`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const mode of modes) {
      const r = await measure(mode, worker);
      results.get(mode)!.push(r);
      console.log(`  round ${round}: ${mode.padEnd(30)} ${r.perSecond.toFixed(0).padStart(8)} calls/s  CPU ${r.cpuUs.toFixed(1)} µs per call`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(results.get('same thread')!.map((r) => r.cpuUs));
  console.log('medians:');
  for (const mode of modes) {
    const cpu = median(results.get(mode)!.map((r) => r.cpuUs));
    console.log(`  ${mode.padEnd(30)} ${median(results.get(mode)!.map((r) => r.perSecond)).toFixed(0).padStart(8)} calls/s  CPU ${cpu.toFixed(1)} µs per call (${(cpu / base).toFixed(1)}× the same thread's, +${(cpu - base).toFixed(1)} µs)`);
  }
  await worker.terminate();
}

void main();
