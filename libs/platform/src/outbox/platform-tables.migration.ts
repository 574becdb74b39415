import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Outbox and inbox tables every service database carries. Portable (Table API): PostgreSQL and SQLite. */
export class PlatformTables1764300000000 implements MigrationInterface {
  name = 'PlatformTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          { name: 'id', type: pg ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'event_id', type: 'varchar', length: '36', isUnique: true },
          { name: 'topic', type: 'varchar', length: '200' },
          { name: 'message_key', type: 'varchar', length: '300' },
          { name: 'envelope', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'processed_events',
        columns: [
          { name: 'consumer', type: 'varchar', length: '100', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'processed_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex('processed_events', new TableIndex({ name: 'ix_processed_events_at', columnNames: ['processed_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('processed_events');
    await q.dropTable('outbox');
  }
}
