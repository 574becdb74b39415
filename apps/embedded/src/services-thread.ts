import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { PortActionInvoker, PortChannel, PortEventBus } from '@opensts/platform';

/** What the main thread and the services thread ask each other besides actions and events. */
export const ServicesThreadRequests = { start: 'services.start', ready: 'services.ready', stop: 'services.stop' } as const;

export interface ServicesStart {
  /** The topics the main thread's consumers read (the gateway's read model). */
  topics: string[];
}

/**
 * The main thread's handle on the services thread of `npm start` (ADR 0013): the worker that
 * runs identity-directory, policy, token-issuance and audit with their SQLite files, the bus
 * joined to it, and the ActionInvoker the gateway uses. The worker boots only when `start` is
 * called, after the main thread's modules are initialised: by then the gateway has created its
 * databases (the replay cache the two threads share, the generated keys) and subscribed to what
 * its read model follows, so nothing the services publish at start is missed.
 */
export class ServicesThread {
  private readonly logger = new Logger(ServicesThread.name);
  private readonly worker: Worker;
  readonly channel: PortChannel;
  readonly bus: PortEventBus;
  readonly invoker: PortActionInvoker;
  private stopping = false;

  constructor(script = join(__dirname, 'services.worker.js')) {
    this.worker = new Worker(script);
    this.channel = new PortChannel(this.worker);
    this.bus = new PortEventBus(this.channel);
    this.invoker = new PortActionInvoker(this.channel);
    this.worker.on('error', (err) => this.logger.error(`the services thread failed: ${err.stack ?? err.message}`));
    this.worker.on('exit', (code) => {
      this.channel.close(new Error('the services thread exited'));
      if (this.stopping) return;
      // a crashed service would take its process down in distributed mode; so does this one
      this.logger.error(`the services thread exited (code ${code}); stopping`);
      process.exit(1);
    });
  }

  async start(): Promise<void> {
    const answer = await this.channel.request<ServicesStart>(ServicesThreadRequests.start, { topics: this.bus.localTopics() } satisfies ServicesStart);
    this.bus.connect(answer.topics);
  }

  /** Every readiness check of the services thread passed. */
  ready(): Promise<boolean> {
    return this.channel.request<boolean>(ServicesThreadRequests.ready, null).catch(() => false);
  }

  /** Closes the services (their relays finish, databases close), then ends the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.channel.request(ServicesThreadRequests.stop, null).catch(() => undefined);
    await this.worker.terminate();
  }
}
