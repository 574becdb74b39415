/**
 * What the distributed fleet costs doing nothing: CPU ms per second of each service, PostgreSQL
 * and the Kafka broker over BENCH_SECONDS (20) once the fleet has settled, with no request sent.
 * Every one of them is paid again per request under load (relay polls, consumer fetches,
 * heartbeats, offset commits), so this is the floor under `gateway distributed`'s figures.
 *   npm run bench -- idle            (needs `npm run infra:up`; BENCH_SETTLE_SECONDS, default 10,
 *                                    BENCH_SERVICE_NODE_OPTIONS: NODE_OPTIONS of every service)
 */
import { createTestFleet } from '../../test/support/e2e-fleet';
import { cpuPerRequest, cpuSnapshot } from '../assume-role-grpc/cpu';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 10);

async function main(): Promise<void> {
  const t = await createTestFleet('idle', 4500, { STS_LOG_LEVEL: 'warn', NODE_PATH: process.env.NODE_PATH });
  t.fleet.options.distDir = `${__dirname}/../..`;
  try {
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'audit', 'gateway'] as const) await t.fleet.start(s, { env: { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS ?? '' } });
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1_000));
    const pids = Object.fromEntries(t.fleet.processes.map((p) => [p.options.instance, p.pid]));
    const before = cpuSnapshot(pids);
    await new Promise((r) => setTimeout(r, SECONDS * 1_000));
    // µs per "request" with one request a second is µs per second
    const perSecond = Object.fromEntries(Object.entries(cpuPerRequest(before, cpuSnapshot(pids), SECONDS)).map(([k, us]) => [k, Math.round(us / 100) / 10]));
    delete perSecond['load generator'];
    const total = Object.values(perSecond).reduce((a, b) => a + b, 0);
    console.log(`idle fleet, CPU ms per second over ${SECONDS} s: ${Object.entries(perSecond).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${total.toFixed(1)}`);
  } finally {
    await t.teardown();
  }
}

void main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
