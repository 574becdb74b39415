import type { MessagePort, Worker } from 'node:worker_threads';

/** The two ends a PortChannel can talk over: a Worker (from the main thread) or parentPort (in it). */
export type ThreadEndpoint = Pick<MessagePort | Worker, 'postMessage' | 'on' | 'off'>;

type Frame =
  | { k: 0; id: number; kind: string; body: unknown } // request
  | { k: 1; id: number; ok: true; body: unknown } // answer
  | { k: 1; id: number; ok: false; message: string }; // the handler failed (no detail: see the other thread's log)

const MAX_FRAMES = Number(process.env.PORT_BATCH ?? 8);
const SLICE = Number(process.env.PORT_SLICE ?? 8);

type Handler = (body: any) => unknown;

/**
 * Request/answer between two threads of one process, with every frame of one event-loop turn in
 * one postMessage: the main thread and the services thread of embedded mode (ADR 0013) exchange
 * thousands of small messages a second, and a message costs more than the structured clone of a
 * small body (`npm run bench -- worker-messaging`). Bodies are structured-cloned: plain data only.
 */
export class PortChannel {
  private readonly handlers = new Map<string, Handler>();
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private outgoing: Frame[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private closedWith?: Error;

  constructor(private readonly endpoint: ThreadEndpoint) {
    endpoint.on('message', this.onMessage);
  }

  /** Serves requests of `kind`: what `fn` returns (or resolves to) is the answer. */
  handle<B, R>(kind: string, fn: (body: B) => R | Promise<R>): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    this.handlers.set(kind, fn);
  }

  request<R>(kind: string, body: unknown): Promise<R> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ k: 0, id, kind, body });
    });
  }

  /** Fails everything still waiting (the other thread exited) and refuses new requests. */
  close(reason: Error): void {
    this.closedWith = reason;
    this.endpoint.off('message', this.onMessage);
    for (const w of this.waiting.values()) w.reject(reason);
    this.waiting.clear();
  }

  private send(frame: Frame): void {
    this.outgoing.push(frame);
    if (this.outgoing.length >= MAX_FRAMES) {
      this.flush();
      return;
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flushLater);
  }

  private readonly flushLater = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  private flush(): void {
    const frames = this.outgoing;
    this.outgoing = [];
    if (frames.length > 0 && !this.closedWith) this.endpoint.postMessage(frames);
  }

  private incoming: Extract<Frame, { k: 0 }>[] = [];
  private servingScheduled = false;

  private readonly serveSlice = (): void => {
    this.servingScheduled = false;
    const slice = this.incoming.splice(0, SLICE);
    for (const f of slice) this.serve(f.id, f.kind, f.body);
    if (this.incoming.length > 0 && !this.servingScheduled) {
      this.servingScheduled = true;
      setImmediate(this.serveSlice);
    }
  };

  private readonly onMessage = (frames: Frame[]): void => {
    for (const f of frames) {
      if (f.k === 0) {
        this.incoming.push(f);
        if (!this.servingScheduled) {
          this.servingScheduled = true;
          if (this.incoming.length <= SLICE) queueMicrotask(this.serveSlice);
          else setImmediate(this.serveSlice);
        }
      } else {
        const w = this.waiting.get(f.id);
        if (!w) continue;
        this.waiting.delete(f.id);
        if (f.ok) w.resolve(f.body);
        else w.reject(new Error(f.message));
      }
    }
  };

  private serve(id: number, kind: string, body: unknown): void {
    const fn = this.handlers.get(kind);
    if (!fn) {
      this.send({ k: 1, id, ok: false, message: `no handler for ${kind}` });
      return;
    }
    let result: unknown;
    try {
      result = fn(body);
    } catch (err) {
      this.send({ k: 1, id, ok: false, message: `${kind} failed` });
      return;
    }
    Promise.resolve(result).then(
      (answer) => this.send({ k: 1, id, ok: true, body: answer }),
      () => this.send({ k: 1, id, ok: false, message: `${kind} failed` }),
    );
  }
}
