import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NonceStore } from '@opensts/sts-core/signing';
import { Database } from '@opensts/platform';

const MAX_STORED_LENGTH = 128;

/**
 * SignatureNonce replay protection shared by every instance of a service: a claim is an insert
 * into the service's database that fails on a duplicate, so a nonce used on one gateway instance
 * is refused on all of them for the whole timestamp window. Expired rows are swept periodically.
 */
export class DatabaseNonceStore implements NonceStore {
  private readonly logger = new Logger(DatabaseNonceStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly db: Database) {}

  async claim(accessKeyId: string, nonce: string, expiresAtMs: number): Promise<boolean> {
    // nonces have no length limit on the wire; long ones are stored by digest
    const stored = nonce.length > MAX_STORED_LENGTH ? `sha256:${createHash('sha256').update(nonce).digest('hex')}` : nonce;
    const key = accessKeyId.slice(0, 128);
    if (this.db.kind === 'postgres') {
      const rows: unknown[] = await this.db.dataSource.query(
        'INSERT INTO request_nonces (access_key_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce',
        [key, stored, expiresAtMs],
      );
      return rows.length === 1;
    }
    return this.db.transaction(async (m) => {
      const rows: unknown[] = await m.query('INSERT INTO request_nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING nonce', [key, stored, expiresAtMs]);
      return rows.length === 1;
    });
  }

  startSweeping(everyMs = 60_000): void {
    this.sweeper = setInterval(() => void this.sweep().catch((e: Error) => this.logger.warn(`nonce sweep failed: ${e.message}`)), everyMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  async sweep(nowMs = Date.now()): Promise<void> {
    const sql = this.db.kind === 'postgres' ? 'DELETE FROM request_nonces WHERE expires_at < $1' : 'DELETE FROM request_nonces WHERE expires_at < ?';
    await this.db.transaction((m) => m.query(sql, [nowMs]));
  }
}
