import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * How far the relay has published the `events` table itself (SQLite, where the store is the log the
 * relay reads instead of copying each event to the outbox: ADR 0003). Starts at the newest event:
 * those already stored were written to the outbox too, and the outbox still publishes them.
 * Portable (Table API); unused on PostgreSQL, where the outbox stays the log.
 */
export class EventLogCheckpoints1764500003000 implements MigrationInterface {
  name = 'EventLogCheckpoints1764500003000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'event_log_checkpoints',
        columns: [
          { name: 'name', type: 'varchar', length: '50', isPrimary: true },
          { name: 'position', type: 'bigint' },
        ],
      }),
    );
    await q.query(`INSERT INTO event_log_checkpoints (name, position) SELECT 'relay', COALESCE(MAX(position), 0) FROM events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('event_log_checkpoints');
  }
}
