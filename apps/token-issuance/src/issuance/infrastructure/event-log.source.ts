import type { Database, OutgoingMessage, RelaySource } from '@opensts/platform';

/** An event of the log with its position, as the relay publishes it. */
export interface LoggedMessage {
  readonly position: number;
  readonly message: OutgoingMessage;
}

const CHECKPOINT = 'relay';
/** Committed events kept for the relay; past this it reads them back from the table instead. */
const MAX_TAIL = 20_000;

/**
 * On SQLite the event store's own table is what the outbox relay publishes (ADR 0003): a single
 * writer assigns positions in commit order, so "everything after the checkpoint" cannot skip a
 * late commit, and no copy of each event has to be written to, read from and deleted from the
 * outbox. The relay is fed from memory with what was just committed and reads the table only
 * when that tail does not continue its checkpoint (start-up, a backlog, a failed publish). The
 * checkpoint is stored after the bus has the batch: at-least-once, like the outbox.
 */
export class EventLogSource implements RelaySource {
  private tail: LoggedMessage[] = [];
  private checkpoint?: number;
  /** Every commit since the last short read of the table is in `tail`: no need to read it again. */
  private caughtUp = false;

  constructor(
    private readonly db: Database,
    /** Events after a position, in order (runs inside `db.writeSync`). */
    private readonly readAfter: (position: number, limit: number) => LoggedMessage[],
  ) {}

  /** Called after each commit with its events in position order. */
  committed(entries: readonly LoggedMessage[]): void {
    if (this.tail.length + entries.length > MAX_TAIL) {
      this.tail = [];
      this.caughtUp = false;
    } else {
      this.tail.push(...entries);
    }
  }

  async next(limit: number): Promise<{ messages: OutgoingMessage[]; published: () => Promise<void> } | undefined> {
    const after = (this.checkpoint ??= await this.db.writeSync(() => this.loadCheckpoint()));
    this.forget(after);
    let batch: LoggedMessage[];
    if (this.tail[0]?.position === after + 1) batch = this.contiguous(after, limit);
    else if (this.caughtUp && this.tail.length === 0) return undefined;
    else {
      batch = await this.db.writeSync(() => this.readAfter(after, limit));
      if (batch.length < limit) this.caughtUp = true;
    }
    if (batch.length === 0) return undefined;
    const last = batch[batch.length - 1].position;
    return {
      messages: batch.map((e) => e.message),
      published: async () => {
        await this.db.writeSync(() => this.db.prepare('UPDATE event_log_checkpoints SET position = ? WHERE name = ?').run(last, CHECKPOINT));
        this.checkpoint = last;
        this.forget(last);
      },
    };
  }

  private contiguous(after: number, limit: number): LoggedMessage[] {
    const out: LoggedMessage[] = [];
    for (const e of this.tail) {
      if (e.position !== after + out.length + 1 || out.length === limit) break;
      out.push(e);
    }
    return out;
  }

  private forget(upTo: number): void {
    let n = 0;
    while (n < this.tail.length && this.tail[n].position <= upTo) n++;
    if (n > 0) this.tail.splice(0, n);
  }

  private loadCheckpoint(): number {
    this.db.prepare('INSERT INTO event_log_checkpoints (name, position) VALUES (?, 0) ON CONFLICT (name) DO NOTHING').run(CHECKPOINT);
    const row = this.db.prepare('SELECT position FROM event_log_checkpoints WHERE name = ?').get(CHECKPOINT) as { position: number };
    return Number(row.position);
  }
}
