import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Tables of libs/access in the host service's database (gateway, token-issuance). request_nonces: dropped by 1764300002002. */
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

/** The aggregate each access-view record's version belongs to (records keyed by name change aggregate on re-creation). */
export class AccessViewAggregateId1764300002001 implements MigrationInterface {
  name = 'AccessViewAggregateId1764300002001';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('access_view', new TableColumn({ name: 'aggregate_id', type: 'varchar', length: '200', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('access_view', 'aggregate_id');
  }
}

/**
 * Nonces are claimed in the deployment's one replay cache (NonceTables1764300003000), not per
 * service: a request verified by one service could otherwise be replayed to the other (ADR 0006).
 * Dropped rather than left unused, so nothing can claim in it again; its rows only guarded the
 * last 15 minutes, and an instance of the previous version still running during an upgrade fails
 * closed (InternalError) instead of claiming in a table the others no longer read.
 */
export class DropServiceRequestNonces1764300002002 implements MigrationInterface {
  name = 'DropServiceRequestNonces1764300002002';

  async up(q: QueryRunner): Promise<void> {
    await q.dropTable('request_nonces', true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'request_nonces',
        columns: [
          { name: 'access_key_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'nonce', type: 'varchar', length: '128', isPrimary: true },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
      true,
    );
    await q.createIndex('request_nonces', new TableIndex({ name: 'ix_request_nonces_expiry', columnNames: ['expires_at'] }));
  }
}
