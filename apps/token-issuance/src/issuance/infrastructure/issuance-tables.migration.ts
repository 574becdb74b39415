import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/**
 * The session event store and its projections. Portable (Table API): PostgreSQL and SQLite.
 * `events.position` is the global order (bigint identity); `(stream_id, version)` is unique, which
 * is the whole of optimistic concurrency: two appends of the same version cannot both commit.
 */
export class IssuanceTables1764300003000 implements MigrationInterface {
  name = 'IssuanceTables1764300003000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const position = pg
      ? ({ name: 'position', type: 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'identity', generatedIdentity: 'ALWAYS' } as const)
      : ({ name: 'position', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' } as const);
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          position,
          { name: 'stream_id', type: 'varchar', length: '200' },
          { name: 'version', type: 'integer' },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'event_type', type: 'varchar', length: '100' },
          { name: 'schema_version', type: 'integer' },
          /** The event payload as JSON text (read back through the serde, which upcasts old versions). */
          { name: 'payload', type: 'text' },
          /** Envelope fields that are not the event: aggregate type, account, request, trace context. */
          { name: 'metadata', type: 'text' },
          { name: 'occurred_at', type: 'varchar', length: '30' },
        ],
        uniques: [new TableUnique({ name: 'uq_events_stream_version', columnNames: ['stream_id', 'version'] }), new TableUnique({ name: 'uq_events_event_id', columnNames: ['event_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'active_sessions',
        columns: [
          { name: 'access_key_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '32' },
          { name: 'role_id', type: 'varchar', length: '32' },
          { name: 'role_name', type: 'varchar', length: '64' },
          { name: 'role_arn', type: 'varchar', length: '200' },
          { name: 'role_session_name', type: 'varchar', length: '64' },
          { name: 'mechanism', type: 'varchar', length: '32' },
          { name: 'caller_type', type: 'varchar', length: '32' },
          { name: 'caller_arn', type: 'varchar', length: '300' },
          { name: 'source_identity', type: 'varchar', length: '64', isNullable: true },
          { name: 'session_policy', type: 'text', isNullable: true },
          { name: 'issued_at', type: 'varchar', length: '30' },
          { name: 'expires_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex('active_sessions', new TableIndex({ name: 'ix_active_sessions_account', columnNames: ['account_id', 'access_key_id'] }));
    await q.createIndex('active_sessions', new TableIndex({ name: 'ix_active_sessions_role', columnNames: ['role_id', 'issued_at'] }));
    await q.createIndex('active_sessions', new TableIndex({ name: 'ix_active_sessions_expiry', columnNames: ['expires_at'] }));
    await q.createTable(
      new Table({
        name: 'session_revocations',
        columns: [
          { name: 'access_key_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '32' },
          { name: 'role_id', type: 'varchar', length: '32' },
          { name: 'role_arn', type: 'varchar', length: '200' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'revoked_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'role_revocations',
        columns: [
          { name: 'role_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '32' },
          { name: 'role_arn', type: 'varchar', length: '200' },
          { name: 'issued_before', type: 'varchar', length: '30' },
          { name: 'revoked_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['role_revocations', 'session_revocations', 'active_sessions', 'events']) await q.dropTable(table);
  }
}
