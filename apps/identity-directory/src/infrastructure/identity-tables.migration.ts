import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const id = (name: string, length = 36): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const account: TableColumnOptions = { name: 'account_id', type: 'varchar', length: '20' };
const dates: TableColumnOptions[] = [text('create_date', 20), text('update_date', 20)];
const version: TableColumnOptions = { name: 'version', type: 'integer' };

/** The directory's tables (portable Table API: PostgreSQL and SQLite). Names are unique per account, case-insensitively (`*_key`). */
export class IdentityTables1764400000000 implements MigrationInterface {
  name = 'IdentityTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'accounts', columns: [id('account_id', 20), text('create_date', 20), version] }));
    // one row ever: two instances bootstrapping at once collide here and the loser backs off
    await q.createTable(new Table({ name: 'directory_bootstrap', columns: [id('marker', 20), account, text('created_at', 20)] }));
    await q.createTable(
      new Table({
        name: 'users',
        columns: [id('user_id', 20), account, text('user_name', 64), text('user_name_key', 64), text('display_name', 128, true), text('mobile_phone', 32, true), text('email', 128, true), text('comments', 128, true), ...dates, text('last_login_date', 20, true), version],
        indices: [new TableIndex({ name: 'ux_users_account_name', columnNames: ['account_id', 'user_name_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'access_keys',
        columns: [id('access_key_id', 64), account, text('owner_type', 10), text('user_id', 20, true), text('status', 10), { name: 'sealed_secret', type: 'text' }, text('create_date', 20), version],
        indices: [new TableIndex({ name: 'ix_access_keys_owner', columnNames: ['account_id', 'user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'roles',
        columns: [id('role_id', 20), account, text('role_name', 64), text('role_name_key', 64), text('description', 1024, true), { name: 'assume_role_policy_document', type: 'text' }, { name: 'max_session_duration', type: 'integer' }, ...dates, version],
        indices: [new TableIndex({ name: 'ux_roles_account_name', columnNames: ['account_id', 'role_name_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'saml_providers',
        columns: [id('provider_id'), account, text('name', 128), text('name_key', 128), text('description', 256, true), text('authn_sign_algo', 16), { name: 'encoded_metadata', type: 'text' }, text('entity_id', 1024), { name: 'signing_certificates', type: 'text' }, ...dates, version],
        indices: [new TableIndex({ name: 'ux_saml_providers_account_name', columnNames: ['account_id', 'name_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'oidc_providers',
        columns: [id('provider_id'), account, text('name', 128), text('name_key', 128), text('issuer_url', 255), { name: 'fingerprints', type: 'text' }, { name: 'client_ids', type: 'text' }, { name: 'issuance_limit_time', type: 'integer' }, text('description', 256, true), ...dates, version],
        indices: [
          new TableIndex({ name: 'ux_oidc_providers_account_name', columnNames: ['account_id', 'name_key'], isUnique: true }),
          new TableIndex({ name: 'ux_oidc_providers_account_issuer', columnNames: ['account_id', 'issuer_url'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['oidc_providers', 'saml_providers', 'roles', 'access_keys', 'users', 'directory_bootstrap', 'accounts']) await q.dropTable(t);
  }
}
