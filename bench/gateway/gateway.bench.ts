/**
 * AssumeRole through the gateway over HTTP, signature V1: requests/s, p50/p99 and server CPU per
 * request, next to a bare Fastify handler measured in the same run with the same load generator
 * (autocannon sending pre-signed requests, each with its own nonce). Server and load generator are
 * separate processes; rounds alternate baseline and subjects and medians are reported, because
 * this 2-core machine is shared and noisy.
 *
 * Run (no ts-node: scripts/run-bench.js compiles with swc into a scratch folder; `distributed`
 * needs `npm run infra:up`):
 *   npm run bench -- gateway [embedded|distributed|floor|floor-embedded|framework]
 * Knobs: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2; distributed and floor: 6), BENCH_CONNECTIONS (64), BENCH_SERVER_NODE_ARGS,
 * BENCH_SERVICE_NODE_OPTIONS (distributed: NODE_OPTIONS of every service), BENCH_SQLITE_NORMAL (embedded: also `npm start` with STS_SQLITE_SYNCHRONOUS=NORMAL).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT, ALICE, ROLE } from '../../apps/gateway/test/directory.fixtures';
import { createTestFleet, TEST_ROOT } from '../../test/support/e2e-fleet';
import { runSubjects, type Subject } from './bench-runner';
import { startFloorFleet } from './floor-fleet';
import { prepareRealDirectory } from './real-directory';

const defaults = { credentials: ALICE, roleArn: `acs:ram::${ACCOUNT}:role/${ROLE.roleName}` };
const bare: Subject = { label: 'bare Fastify handler (baseline)', script: 'bare-fastify.server.js' };
const prepare = (port: number) => prepareRealDirectory(`127.0.0.1:${port}`);

/** `npm start`'s one event loop doing only what an AssumeRole must (floor-embedded.server.ts); BENCH_FLOOR_WRITES narrows it. */
const embeddedFloor = (label: string, writes: 'all' | 'nonce' | 'none'): Subject => ({
  label,
  script: 'floor-embedded.server.js',
  verifies: true,
  prepare: async () => defaults, // its own requests: the shared ones go to the gateway alone
  env: { BENCH_FLOOR_WRITES: writes, BENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-floor-embedded-')) },
});

async function embedded(): Promise<void> {
  await runSubjects(
    [
      bare,
      { label: 'gateway alone (stand-in STS, SQLite)', script: 'embedded-gateway.server.js', verifies: true },
      { label: 'npm start process (all services, SQLite)', script: 'embedded-opensts.server.js', verifies: true, prepare, env: { BENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-embedded-')) } },
      embeddedFloor('embedded floor (one loop, no OpenSTS code)', 'all'),
      // the durability the default (FULL) buys, measured against NORMAL in the same run
      ...(process.env.BENCH_SQLITE_NORMAL ? [{ label: 'npm start process, STS_SQLITE_SYNCHRONOUS=NORMAL', script: 'embedded-opensts.server.js', verifies: true, prepare, env: { STS_SQLITE_SYNCHRONOUS: 'NORMAL', BENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-embedded-normal-')) } }] : []),
    ],
    defaults,
  );
}

async function distributed(): Promise<void> {
  const t = await createTestFleet('bench', 4400, { STS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', NODE_PATH: process.env.NODE_PATH });
  // the services run from this bench's own compiled tree, not from a dist/ someone may be rebuilding
  t.fleet.options.distDir = join(__dirname, '..', '..');
  try {
    // BENCH_SERVICE_NODE_OPTIONS reaches every service (a profiler hook, say); not NODE_OPTIONS, which npm and the load generator would take too
    const env = { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS ?? '' };
    for (const s of ['identity-directory', 'policy', 'token-issuance', 'audit', 'gateway'] as const) await t.fleet.start(s, { env });
    const gateway = t.fleet.processes.find((p) => p.options.service === 'gateway')!;
    const port = t.fleet.port('gateway', 'http');
    const otherPids = () => Object.fromEntries(t.fleet.processes.map((p) => [p.options.instance, p.pid]));
    // seven processes at ~1 500/s: 2 s of warm-up left the first round's code half-optimised (its figures ~30 % off the later rounds')
    const subject = { port, pid: gateway.pid, otherPids, verifies: true, warmupSeconds: 6, prepare: (p: number) => prepareRealDirectory(`127.0.0.1:${p}`, TEST_ROOT) };
    await runSubjects(
      [
        bare,
        { ...subject, label: 'distributed gateway (as fast as it goes)' },
        { ...subject, label: 'distributed gateway at 2 000 req/s', overallRate: 2_000 },
      ],
      defaults,
    );
  } finally {
    await t.teardown();
  }
}

/** The same hops as `distributed` with none of OpenSTS's code (floor-fleet.ts): what the architecture costs here. */
async function floor(): Promise<void> {
  const f = await startFloorFleet();
  try {
    const subject = { port: f.port, pid: f.pid, otherPids: f.otherPids, verifies: true, warmupSeconds: 6 };
    await runSubjects(
      [bare, { ...subject, label: 'floor (as fast as it goes)' }, { ...subject, label: 'floor at 2 000 req/s', overallRate: 2_000 }],
      defaults,
    );
  } finally {
    await f.teardown();
  }
}

const suites: Record<string, () => Promise<void>> = {
  embedded,
  // where the embedded floor's time goes: its SQLite writes taken away in steps
  'floor-embedded': () =>
    runSubjects(
      [bare, embeddedFloor('embedded floor', 'all'), embeddedFloor('embedded floor, nonce claim only', 'nonce'), embeddedFloor('embedded floor, no SQLite', 'none')],
      defaults,
    ),
  distributed,
  floor,
  framework: () =>
    runSubjects(
      [
        bare,
        { label: 'Nest + route on its Fastify instance', script: 'nest-variants.server.js', args: ['raw'] },
        { label: 'Nest controller @All("/")', script: 'nest-variants.server.js', args: ['controller'] },
      ],
      defaults,
    ),
};

const suite = suites[process.argv[2] ?? 'embedded'];
if (!suite) throw new Error(`unknown suite: use ${Object.keys(suites).join(', ')}`);
void suite().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
