import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { CoreModule, createLogger, Database, loadConfig, OutboxRelay } from '@opensts/platform';
import { AuditModule } from '../audit-app.module';
import fc from 'fast-check';
import { AuditRecorderConsumer, auditRecordIdFor } from './audit-recorder.consumer';

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

describe(auditRecordIdFor.name, () => {
  const event = fc.record({ eventId: fc.uuid(), ms: fc.integer({ min: 1, max: 2 ** 47 }) });

  it('gives an event the same UUIDv7 every time, and orders records by the time of their events', () => {
    fc.assert(
      fc.property(event, event, (a, b) => {
        const id = (e: { eventId: string; ms: number }) => auditRecordIdFor({ eventId: e.eventId, occurredAt: new Date(e.ms).toISOString() });
        expect(id(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(id(a)).toBe(id({ ...a }));
        if (a.ms < b.ms) expect(id(a) < id(b)).toBe(true);
        if (a.eventId !== b.eventId) expect(id(a)).not.toBe(id({ ...b, ms: a.ms }));
      }),
    );
  });
});
