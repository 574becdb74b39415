import { Logger } from '@nestjs/common';
import { Database } from '../persistence/database';

/** Longer than Kafka's retention (7 days, deploy/kafka): an event older than this is never redelivered. */
export const INBOX_RETENTION_MS = 8 * 24 * 3_600_000;

/**
 * Forgets inbox entries no broker can redeliver any more, so `processed_events` does not grow
 * for ever. Runs hourly; one DELETE by the indexed `processed_at`.
 */
export class InboxPruner {
  private readonly logger = new Logger(InboxPruner.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Database, private readonly retentionMs = INBOX_RETENTION_MS) {}

  start(everyMs = 3_600_000): void {
    this.timer = setInterval(() => void this.prune().catch((e: Error) => this.logger.warn(`inbox prune failed: ${e.message}`)), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async prune(now = new Date()): Promise<void> {
    const before = new Date(now.getTime() - this.retentionMs).toISOString();
    const sql = this.db.kind === 'postgres' ? 'DELETE FROM processed_events WHERE processed_at < $1' : 'DELETE FROM processed_events WHERE processed_at < ?';
    await this.db.transaction((m) => m.query(sql, [before]));
  }
}
