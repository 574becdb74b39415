import { ChildProcess, spawn } from 'node:child_process';
import { WriteStream, chmodSync, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceName } from '../config';

export interface ServiceProcessOptions {
  service: ServiceName;
  instance: string;
  env: NodeJS.ProcessEnv;
  healthPort: number;
  logDir: string;
  /** Also echo output to this process's stdout, prefixed with the instance name. */
  echo?: boolean;
  distDir?: string;
}

/** One OpenSTS service as its own OS process, its output captured to a log file. */
export class ServiceProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  readonly logFile: string;

  constructor(readonly options: ServiceProcessOptions) {
    mkdirSync(options.logDir, { recursive: true });
    this.logFile = join(options.logDir, `${options.instance}.log`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    // a process left over from another fleet would answer the readiness probe for this one
    if (await this.answers(`http://127.0.0.1:${this.options.healthPort}/healthz`)) {
      throw new Error(`${this.options.instance}: port ${this.options.healthPort} already answers; is another fleet still running?`);
    }
    const main = resolve(this.options.distDir ?? 'dist', 'apps', this.options.service, 'src', 'main.js');
    // a first start's stdout holds the root key's secret (the banner): the log is the owner's alone
    this.log = createWriteStream(this.logFile, { flags: 'a', mode: 0o600 });
    if (existsSync(this.logFile)) chmodSync(this.logFile, 0o600); // an existing file keeps its mode
    const child = spawn(process.execPath, [main], { env: this.options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const prefix = `[${this.options.instance}] `;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.log?.write(chunk);
        if (this.options.echo) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, prefix));
      });
    }
    await this.waitReady(timeoutMs);
  }

  /** Graceful stop (SIGTERM), waiting for exit. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Crash simulation: SIGKILL, no chance to flush or commit anything. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(sig);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (this.running) child.kill('SIGKILL');
    this.log?.end();
  }

  private async answers(url: string): Promise<boolean> {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return true;
    } catch {
      return false;
    }
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${this.options.healthPort}/readyz`;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.options.instance} exited during start-up (see ${this.logFile})`);
      try {
        const res = await fetch(url);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.options.instance} not ready within ${timeoutMs} ms (see ${this.logFile})`);
  }
}
