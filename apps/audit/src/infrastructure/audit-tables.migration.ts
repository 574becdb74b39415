import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class AuditTables1764300001000 implements MigrationInterface {
  name = 'AuditTables1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_records',
        columns: [
          { name: 'record_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'source_event_id', type: 'varchar', length: '36', isUnique: true },
          { name: 'source_event_type', type: 'varchar', length: '100' },
          { name: 'occurred_at', type: 'varchar', length: '30' },
          { name: 'account_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'action', type: 'varchar', length: '100' },
          { name: 'outcome', type: 'varchar', length: '10' },
          { name: 'principal_arn', type: 'varchar', length: '300', isNullable: true },
          { name: 'resource', type: 'varchar', length: '300', isNullable: true },
          { name: 'error_code', type: 'varchar', length: '100', isNullable: true },
          { name: 'record', type: 'text' },
        ],
      }),
    );
    await q.createIndex('audit_records', new TableIndex({ name: 'ix_audit_account_time', columnNames: ['account_id', 'occurred_at'] }));
    await q.createIndex('audit_records', new TableIndex({ name: 'ix_audit_request', columnNames: ['request_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_records');
  }
}
