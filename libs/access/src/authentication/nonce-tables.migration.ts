import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The deployment's replay cache, in its own database (`nonces`: DATABASE_URL_NONCES, or
 * nonces.sqlite). Not `request_nonces`: an operator giving every service one DATABASE_URL would
 * otherwise meet the per-service table of AccessTables1764300002000 that the access migrations drop.
 */
export class NonceTables1764300003000 implements MigrationInterface {
  name = 'NonceTables1764300003000';

  async up(q: QueryRunner): Promise<void> {
    // recorded under `migrations` by the first builds of this store, before it had its own table
    if (await q.hasTable('signature_nonces')) return;
    await q.createTable(
      new Table({
        name: 'signature_nonces',
        columns: [
          { name: 'access_key_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'nonce', type: 'varchar', length: '128', isPrimary: true },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );
    await q.createIndex('signature_nonces', new TableIndex({ name: 'ix_signature_nonces_expiry', columnNames: ['expires_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('signature_nonces');
  }
}

export const NONCE_MIGRATIONS = [NonceTables1764300003000];
