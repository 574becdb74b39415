import { cpuPerRequest, cpuSnapshot, CpuSnapshot } from './cpu';
import { fmt, LoadOptions, LoadReport, runLoad } from './load';

export type Measured = LoadReport & { cpuUs: Record<string, number> };

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One run, with the CPU each participant spent per request inside the measured window. */
export async function measured(send: (w: number) => Promise<unknown>, servicePid: number | undefined, options: LoadOptions, profile = false): Promise<Measured> {
  let before: CpuSnapshot = {};
  let after: CpuSnapshot = {};
  // BENCH_PROFILE_SIGNAL=1: SIGWINCH to the service at the window's edges, for a profiler it loaded with
  // BENCH_SERVICE_NODE_OPTIONS=--require <hook> (not SIGUSR2: Nest's shutdown hooks stop the app on it)
  const signal = () => {
    if (profile && process.env.BENCH_PROFILE_SIGNAL === '1' && servicePid) {
      try {
        process.kill(servicePid, 'SIGWINCH');
      } catch {
        // the service is gone: the run reports the errors
      }
    }
  };
  const window = {
    open: () => ((before = cpuSnapshot({ service: servicePid })), signal()),
    close: () => ((after = cpuSnapshot({ service: servicePid })), signal()),
  };
  const report = await runLoad(send, { ...options, window });
  return { ...report, cpuUs: cpuPerRequest(before, after, report.requests) };
}

export const fmtCpu = (cpu: Record<string, number>): string => `CPU µs/request: ${Object.entries(cpu).map(([k, v]) => `${k} ${v}`).join(', ')}`;

/** One round's lines, the same for every gRPC bench: the echo baseline, the subject and their ratio. */
export function printRound(mode: string, round: number, subjectLabel: string, baseline: Measured, subject: Measured): void {
  console.log(`[${mode}] round ${round}\n  echo          ${fmt(baseline)}\n                ${fmtCpu(baseline.cpuUs)}`);
  console.log(`  ${subjectLabel.padEnd(13)} ${fmt(subject)}\n                ${fmtCpu(subject.cpuUs)}\n  ratio ${(subject.perSecond / baseline.perSecond).toFixed(3)}`);
}
