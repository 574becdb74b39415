import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Tables of libs/access in the host service's database (gateway, token-issuance). */
export class AccessTables1764300002000 implements MigrationInterface {
  name = 'AccessTables1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'access_view',
        columns: [
          { name: 'kind', type: 'varchar', length: '20', isPrimary: true },
          { name: 'key', type: 'varchar', length: '400', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'agg_version', type: 'integer' },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'deleted', type: 'boolean' },
          { name: 'data', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'request_nonces',
        columns: [
          { name: 'access_key_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'nonce', type: 'varchar', length: '128', isPrimary: true },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );
    await q.createIndex('request_nonces', new TableIndex({ name: 'ix_request_nonces_expiry', columnNames: ['expires_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('request_nonces');
    await q.dropTable('access_view');
  }
}
