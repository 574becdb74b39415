import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { CoreModule, createLogger, Database, loadConfig, OutboxRelay } from '@opensts/platform';
import { AuditModule } from '../audit-app.module';
import { AuditRecorderConsumer } from './audit-recorder.consumer';

const userCreated = (name: string): EventEnvelope => ({
  eventId: uuidv7(), type: 'UserCreated', schemaVersion: 1, occurredAt: new Date().toISOString(), aggregateType: 'User', aggregateId: name,
  aggregateVersion: 1, accountId: '1234567890123456', requestId: `REQ-${name}`, payload: { accountId: '1234567890123456', userId: name, userName: name },
});

describe(AuditRecorderConsumer.name, () => {
  let moduleRef: TestingModule;
  let sut: AuditRecorderConsumer;
  let db: Database;

  beforeEach(async () => {
    const config = loadConfig({ STS_MODE: 'embedded', STS_DATA_DIR: mkdtempSync(join(tmpdir(), 'opensts-audit-')) });
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, logger: createLogger('t', 'silent'), clientId: 't' }), AuditModule.register()] }).compile();
    await moduleRef.init();
    await moduleRef.get(OutboxRelay).stop();
    sut = moduleRef.get(AuditRecorderConsumer);
    db = moduleRef.get(Database);
  });
  afterEach(() => moduleRef.close());

  const count = async (sql: string) => Number((await db.manager.query(sql))[0].n);

  it('records a batch once, even when it is redelivered or repeats an event', async () => {
    const batch = [userCreated('a'), userCreated('b'), userCreated('c')];
    expect(await sut.record([...batch, batch[0]])).toBe(3);
    expect(await sut.record(batch)).toBe(0); // redelivery
    expect(await sut.record([batch[2], userCreated('d')])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM audit_records')).toBe(4);
    expect(await count('SELECT COUNT(*) AS n FROM outbox')).toBe(0); // no audit stream in one process
    const [row] = await db.manager.query("SELECT request_id, action, resource FROM audit_records WHERE source_event_id = ?", [batch[1].eventId]);
    expect(row).toEqual({ request_id: 'REQ-b', action: 'ram:CreateUser', resource: 'acs:ram::1234567890123456:user/b' });
  });
});
