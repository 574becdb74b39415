import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner, Table } from 'typeorm';
import { AppConfig, loadConfig } from '../src/config';
import { dataSourceOptions, Database, openDataSource } from '../src/persistence';
import { OutboxMessageEntity, PlatformTables1764300000000, ProcessedEventEntity } from '../src/outbox';

/** A read-model row a test consumer maintains: how many times each key was applied. */
@Entity({ name: 'counter' })
export class CounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'integer' })
  applied!: number;
}

export class CounterTable1764300000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'counter', columns: [{ name: 'key', type: 'varchar', length: '100', isPrimary: true }, { name: 'applied', type: 'integer' }] }), true);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('counter');
  }
}

export function embeddedTestConfig(): AppConfig {
  return loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-')) });
}

export async function openTestDatabase(cfg: AppConfig, service: 'gateway' | 'audit' = 'audit'): Promise<Database> {
  const ds = await openDataSource(
    dataSourceOptions(cfg, { service, entities: [OutboxMessageEntity, ProcessedEventEntity, CounterEntity], migrations: [PlatformTables1764300000000, CounterTable1764300000001] }),
  );
  return new Database(ds);
}
