import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });

/** Policies, versions, attachments and the principal read model (portable Table API). */
export class PolicyTables1764400001000 implements MigrationInterface {
  name = 'PolicyTables1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'policies',
        columns: [
          { ...text('policy_id', 64), isPrimary: true }, text('account_id', 20), text('policy_type', 10), text('policy_name', 128), text('name_key', 128),
          text('description', 1024, true), text('default_version_id', 12), int('next_version'), text('create_date', 20), text('update_date', 20), int('version'),
        ],
        indices: [new TableIndex({ name: 'ux_policies_account_type_name', columnNames: ['account_id', 'policy_type', 'name_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'policy_versions',
        columns: [{ ...text('policy_id', 64), isPrimary: true }, { ...text('version_id', 12), isPrimary: true }, int('version_number'), { name: 'policy_document', type: 'text' }, text('create_date', 20)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'policy_attachments',
        columns: [
          { ...text('attachment_id', 120), isPrimary: true }, text('account_id', 20), text('policy_id', 64), text('policy_type', 10), text('principal_type', 10), text('principal_id', 20),
          { name: 'attached', type: 'boolean' }, text('attach_date', 20), int('version'),
        ],
        indices: [
          new TableIndex({ name: 'ix_attachments_principal', columnNames: ['account_id', 'principal_id'] }),
          new TableIndex({ name: 'ix_attachments_policy', columnNames: ['account_id', 'policy_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'policy_principals',
        columns: [
          { ...text('principal_id', 20), isPrimary: true }, text('account_id', 20), text('principal_type', 10), text('name', 64), text('name_key', 64),
          text('display_name', 128, true), text('description', 1024, true), text('arn', 300, true), int('version'), { name: 'deleted', type: 'boolean' },
        ],
        indices: [new TableIndex({ name: 'ix_principals_name', columnNames: ['account_id', 'principal_type', 'name_key'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['policy_principals', 'policy_attachments', 'policy_versions', 'policies']) await q.dropTable(t);
  }
}
