import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuPerRequest, cpuSnapshot } from '../assume-role-grpc/cpu';
import { presignAssumeRoles, signedAssumeRoleLoad, type Credentials, type LoadResult } from './signed-load';

export interface Subject {
  label: string;
  /** A server script next to this file that prints `READY <port>`. */
  script?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** An already running server (not restarted between rounds) and the pid whose CPU to count. */
  port?: number;
  pid?: number;
  /** Other processes whose CPU per request is reported too (the rest of a distributed fleet). */
  otherPids?: () => Record<string, number | undefined>;
  /** It checks signatures and nonces: each request may reach it only once. Others reuse requests. */
  verifies?: boolean;
  /** Builds what the load needs on the first start (a real directory); default: the fixtures' alice. */
  prepare?: (port: number) => Promise<{ credentials: Credentials; roleArn: string }>;
  /** Requests per second for a fixed-rate (latency) run instead of as many as the server takes. */
  overallRate?: number;
  /** Load before each measured run (default BENCH_WARMUP_SECONDS, 2): a fleet of processes takes longer to get its code optimised. */
  warmupSeconds?: number;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** Fresh requests a verifying subject may need per second of load (above its best throughput). */
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 12_000);

interface Server {
  port: number;
  pid?: number;
  child?: ChildProcess;
}

/** A server script next to this file (BENCH_SERVER_NODE_ARGS applied), once it printed `READY <port>`. */
export function spawnReady(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number }> {
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function start(s: Subject): Promise<Server> {
  if (s.port !== undefined) return { port: s.port, pid: s.pid };
  const { child, port } = await spawnReady(s.script!, s.args, s.env);
  return { port, pid: child.pid, child };
}

async function stop(server: Server): Promise<void> {
  const child = server.child;
  if (!child) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  child.kill('SIGKILL');
}

/** CPU seconds (user + system) the server process has used: robust to the other load on a shared machine. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

type Measured = LoadResult & { cpuUsPerRequest: number; fleetCpu?: Record<string, number> };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (label: string, r: Measured) =>
  `${label.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50Ms).padStart(3)} ms  p99 ${String(r.p99Ms).padStart(4)} ms  ` +
  `server CPU ${r.cpuUsPerRequest.toFixed(0).padStart(4)} µs/req  non-2xx ${r.non2xx}  errors ${r.errors}`;

/** Pre-signed requests and how many of them were sent: a verifying subject never gets one twice. */
class RequestPool {
  next = 0;
  constructor(readonly paths: string[]) {}
}

/**
 * Every subject in turn, ROUNDS times (a warm-up, 2 s unless the subject says, then SECONDS of load; scripts on a fresh
 * process each round), then the median of each next to the first subject's (the baseline).
 */
export async function runSubjects(subjects: Subject[], defaults: { credentials: Credentials; roleArn: string }): Promise<void> {
  const warmup = (s: Subject) => s.warmupSeconds ?? WARMUP_SECONDS;
  const perSubject = ROUNDS * (SECONDS + Math.max(...subjects.map(warmup))) * MAX_RATE;
  const signed = Date.now();
  const shared = new RequestPool(presignAssumeRoles(Number(process.env.BENCH_PRESIGNED ?? perSubject), defaults.credentials, defaults.roleArn));
  console.log(`node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s; ${shared.paths.length} requests pre-signed in ${Date.now() - signed} ms`);
  const pools = new Map<Subject, RequestPool>();
  const results = subjects.map(() => [] as Measured[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, subject] of subjects.entries()) {
      const server = await start(subject);
      try {
        if (!pools.has(subject)) {
          const load = subject.prepare ? await subject.prepare(server.port) : undefined;
          pools.set(subject, load ? new RequestPool(presignAssumeRoles(perSubject, load.credentials, load.roleArn)) : shared);
        }
        const pool = pools.get(subject)!;
        const run = async (seconds: number) => {
          const from = subject.verifies ? pool.next : 0;
          const r = await signedAssumeRoleLoad(server.port, pool.paths, { connections: CONNECTIONS, seconds, from, overallRate: subject.overallRate });
          if (!subject.verifies) return r;
          pool.next += r.used;
          if (pool.next > pool.paths.length) console.log(`  WARNING: ${subject.label} ran out of fresh requests: nonces replayed`);
          return r;
        };
        await run(warmup(subject));
        const others = subject.otherPids?.();
        const fleetBefore = others && cpuSnapshot(others);
        const cpuBefore = cpuSeconds(server.pid);
        const loaded = await run(SECONDS);
        const cpuAfter = cpuSeconds(server.pid);
        const fleetCpu = fleetBefore && cpuPerRequest(fleetBefore, cpuSnapshot(others), loaded.requestsPerSecond * SECONDS);
        const r = { ...loaded, fleetCpu, cpuUsPerRequest: cpuBefore === undefined ? NaN : ((cpuAfter! - cpuBefore) * 1e6) / (loaded.requestsPerSecond * SECONDS) };
        results[i].push(r);
        console.log(`  round ${round + 1}: ${line(subject.label, r)}`);
        if (fleetCpu) console.log(`           CPU µs/request: ${Object.entries(fleetCpu).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      } finally {
        await stop(server);
      }
    }
  }
  console.log('medians:');
  const base = median(results[0].map((r) => r.requestsPerSecond));
  const baseCpu = median(results[0].map((r) => r.cpuUsPerRequest));
  for (const [i, subject] of subjects.entries()) {
    const rps = median(results[i].map((r) => r.requestsPerSecond));
    const cpu = median(results[i].map((r) => r.cpuUsPerRequest));
    const p50 = median(results[i].map((r) => r.p50Ms));
    const p99 = median(results[i].map((r) => r.p99Ms));
    console.log(
      `  ${subject.label.padEnd(52)} ${rps.toFixed(0).padStart(7)} req/s  p50 ${p50} ms  p99 ${p99} ms  throughput ratio ${(rps / base).toFixed(3)}  ` +
        `server CPU ${cpu.toFixed(0)} µs/req (baseline/subject ${(baseCpu / cpu).toFixed(3)})`,
    );
    const fleet = results[i][0].fleetCpu;
    if (fleet) console.log(`    CPU µs/request (medians): ${Object.keys(fleet).map((k) => `${k} ${median(results[i].map((r) => r.fleetCpu![k]))}`).join(', ')}`);
  }
}
