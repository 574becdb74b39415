export interface MicroBatcherOptions {
  /** Most items one run may take. */
  maxBatch: number;
  /** Runs in flight at once; items arriving meanwhile wait and go together in the next run. */
  maxConcurrent: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent submissions are handed to `run` together, so one database transaction
 * (one fsync) commits many appends. Nothing waits for a timer: with a free slot an item runs at
 * once, alone; only while all slots are busy do items accumulate. Each submitter is settled only
 * when its run finished. A failed run is retried item by item, so one conflicting append cannot
 * fail the others that happened to share its transaction.
 */
export class MicroBatcher<T, R> {
  private readonly queue: Pending<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly options: MicroBatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async execute(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0].reject(err);
        return;
      }
      await Promise.all(batch.map((p) => this.execute([p])));
    }
  }
}
