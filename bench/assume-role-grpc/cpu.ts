/**
 * CPU time consumed by processes, from /proc (Linux): on a shared, noisy machine throughput says
 * little on its own, while CPU milliseconds per request of each participant (the service,
 * PostgreSQL, the Kafka broker, the load generator) is stable from run to run.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    });
}

/** Per participant, CPU ms so far of each of its processes (by pid). */
export type CpuSnapshot = Record<string, Map<number, number>>;

const of = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuMsOf(pid)]));

/** CPU so far of: the given pids, every `postgres` process, every `java` process (Kafka), this process. */
export function cpuSnapshot(named: Record<string, number | undefined>): CpuSnapshot {
  const snap: CpuSnapshot = {};
  for (const [label, pid] of Object.entries(named)) snap[label] = of(pid ? [pid] : []);
  snap.postgres = of(pidsNamed('postgres'));
  snap.kafka = of(pidsNamed('java'));
  snap['load generator'] = of([process.pid]);
  return snap;
}

/**
 * CPU µs per request of each participant between two snapshots, counting only processes alive at
 * both (PostgreSQL backends of other clients come and go; their totals would vanish mid-window).
 */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([label, pids]) => {
      let ms = 0;
      for (const [pid, cpu] of pids) if (before[label]?.has(pid)) ms += cpu - before[label].get(pid)!;
      return [label, Math.round((ms * 1000) / Math.max(1, requests))];
    }),
  );
}
