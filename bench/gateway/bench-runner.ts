import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presignAssumeRoles, signedAssumeRoleLoad, type Credentials, type LoadResult } from './signed-load';

export interface Subject {
  label: string;
  /** A server script next to this file that prints `READY <port>`; or a running server's port. */
  script?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  port?: number;
  /** It checks signatures and nonces: each request may reach it only once. Others reuse requests. */
  verifies?: boolean;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

interface Server {
  port: number;
  child?: ChildProcess;
}

async function start(s: Subject): Promise<Server> {
  if (s.port !== undefined) return { port: s.port };
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, s.script!), ...(s.args ?? [])], { env: { ...process.env, ...s.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${s.script} exited with ${code}`)));
  });
  return { port, child };
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
function cpuSeconds(server: Server): number | undefined {
  if (!server.child?.pid) return undefined;
  const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

type Measured = LoadResult & { cpuUsPerRequest: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (label: string, r: Measured) =>
  `${label.padEnd(50)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50Ms).padStart(3)} ms  p99 ${String(r.p99Ms).padStart(4)} ms  ` +
  `server CPU ${r.cpuUsPerRequest.toFixed(0).padStart(4)} µs/req  non-2xx ${r.non2xx}  errors ${r.errors}`;

/**
 * Every subject in turn, ROUNDS times (warm-up, then SECONDS of load on a fresh process), then the
 * median of each next to the first subject's (the baseline). Each request is used once over the
 * whole run; a second lap would replay nonces and show up as non-2xx.
 */
export async function runSubjects(subjects: Subject[], load: { credentials: Credentials; roleArn: string }): Promise<void> {
  // a verifying subject needs fresh requests for each run (at most ~12 000/s here); the others reuse them
  const needed = Math.max(50_000, subjects.filter((s) => s.verifies).length * ROUNDS * (SECONDS + 2) * 12_000);
  const started = Date.now();
  const paths = presignAssumeRoles(Number(process.env.BENCH_PRESIGNED ?? needed), load.credentials, load.roleArn);
  console.log(`node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s; ${paths.length} requests pre-signed in ${Date.now() - started} ms`);
  const results = subjects.map(() => [] as Measured[]);
  let next = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, subject] of subjects.entries()) {
      const server = await start(subject);
      try {
        const from = subject.verifies ? next : 0;
        const warm = await signedAssumeRoleLoad(server.port, paths, { connections: CONNECTIONS, seconds: 2, from });
        const cpuBefore = cpuSeconds(server);
        const loaded = await signedAssumeRoleLoad(server.port, paths, { connections: CONNECTIONS, seconds: SECONDS, from: from + warm.used });
        const cpuAfter = cpuSeconds(server);
        if (subject.verifies) next += warm.used + loaded.used;
        const r = { ...loaded, cpuUsPerRequest: cpuBefore === undefined ? NaN : ((cpuAfter! - cpuBefore) * 1e6) / (loaded.requestsPerSecond * SECONDS) };
        results[i].push(r);
        console.log(`  round ${round + 1}: ${line(subject.label, r)}`);
      } finally {
        await stop(server);
      }
    }
  }
  if (next > paths.length) console.log(`WARNING: ${next} requests sent, ${paths.length} pre-signed: nonces were replayed`);
  console.log('medians:');
  const base = median(results[0].map((r) => r.requestsPerSecond));
  const baseCpu = median(results[0].map((r) => r.cpuUsPerRequest));
  for (const [i, subject] of subjects.entries()) {
    const rps = median(results[i].map((r) => r.requestsPerSecond));
    const cpu = median(results[i].map((r) => r.cpuUsPerRequest));
    const p50 = median(results[i].map((r) => r.p50Ms));
    const p99 = median(results[i].map((r) => r.p99Ms));
    console.log(
      `  ${subject.label.padEnd(50)} ${rps.toFixed(0).padStart(7)} req/s  p50 ${p50} ms  p99 ${p99} ms  throughput ratio ${(rps / base).toFixed(3)}  ` +
        `server CPU ${cpu.toFixed(0)} µs/req (baseline/subject ${(baseCpu / cpu).toFixed(3)})`,
    );
  }
}
