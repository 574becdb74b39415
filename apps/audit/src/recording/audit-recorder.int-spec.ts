import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope, OutgoingMessage } from '@opensts/sts-core/events';
import { dataSourceOptions, Database, EventBus, loadConfig, openDataSource } from '@opensts/platform';
import { freshDatabase, requireInfra } from '../../../../test/support/infra';
import { AuditTables1764300001000 } from '../infrastructure/audit-tables.migration';
import { AuditRecordEntity } from './audit-record.entity';
import { AuditRecorderConsumer } from './audit-recorder.consumer';

const userCreated = (name: string): EventEnvelope => ({
  eventId: uuidv7(), type: 'UserCreated', schemaVersion: 1, occurredAt: new Date().toISOString(), aggregateType: 'User', aggregateId: name,
  aggregateVersion: 1, accountId: '1234567890123456', requestId: `REQ-${name}`, payload: { accountId: '1234567890123456', userId: name, userName: name },
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});

/** The Kafka bus as the recorder sees it: what it published, and a broker that can be down. */
class StreamSpy {
  published: OutgoingMessage[] = [];
  down = false;
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.down) throw new Error('KafkaJSConnectionError: Connection timeout');
    this.published.push(...messages);
  }
}

describe(`${AuditRecorderConsumer.name} in distributed mode (PostgreSQL, the audit stream)`, () => {
  let drop: () => Promise<void>;
  let db: Database;
  let stream: StreamSpy;
  let sut: AuditRecorderConsumer;

  beforeAll(async () => {
    await requireInfra();
    const fresh = await freshDatabase('audit_recorder');
    drop = fresh.drop;
    const cfg = loadConfig({ STS_MODE: 'distributed', DATABASE_URL_AUDIT: fresh.url });
    db = new Database(await openDataSource(dataSourceOptions(cfg, { service: 'audit', entities: [AuditRecordEntity], migrations: [AuditTables1764300001000] })));
    stream = new StreamSpy();
    sut = new AuditRecorderConsumer(stream as unknown as EventBus, db, cfg);
  });
  afterAll(async () => {
    await db?.dataSource.destroy();
    await drop?.();
  });
  beforeEach(async () => {
    stream.published = [];
    stream.down = false;
    await db.manager.query('DELETE FROM audit_records');
  });

  const stored = async () => (await db.manager.query('SELECT record_id, source_event_id FROM audit_records ORDER BY record_id')) as { record_id: string; source_event_id: string }[];

  it('stores each event once and publishes one AuditRecorded per record, with the source request and trace', async () => {
    const batch = [userCreated('a'), userCreated('b'), userCreated('c')];
    expect(await sut.record([...batch, batch[0]])).toBe(3);
    const rows = await stored();
    expect(rows.map((r) => r.source_event_id).sort()).toEqual(batch.map((e) => e.eventId).sort());
    expect(stream.published).toHaveLength(3);
    for (const m of stream.published) {
      expect(m).toMatchObject({ topic: 'opensts.audit.records.v1', key: '1234567890123456', envelope: { type: 'AuditRecorded', requestId: expect.stringMatching(/^REQ-/), traceparent: batch[0].traceparent } });
      // the event id is the stored record's: a consumer of the stream can find the record, and drop a republished one
      expect(rows.map((r) => r.record_id)).toContain(m.envelope.eventId);
      expect((m.envelope.payload as { recordId: string }).recordId).toBe(m.envelope.eventId);
    }
  });

  it('records values its columns cannot hold with the rest of their batch (a NUL in a refused RoleArn as the caller sent it; an overlong RequestId): U+FFFD or cut in the column, exact in the record', async () => {
    const roleArn = 'acs:ram::1234567890123456:role/a\0b';
    const refused: EventEnvelope = {
      ...userCreated('h'),
      type: 'AssumeRoleRefused',
      aggregateType: 'AssumeRoleAttempt',
      aggregateId: roleArn,
      payload: { mechanism: 'AssumeRole', roleArn, roleSessionName: 's', accountId: '1234567890123456', errorCode: 'InvalidParameter.RoleArn' },
    };
    const longRequestId = { ...userCreated('j'), requestId: 'R'.repeat(200) }; // more than the column's 64
    expect(await sut.record([userCreated('i'), refused, longRequestId])).toBe(3);
    const [row] = (await db.manager.query('SELECT resource, record FROM audit_records WHERE source_event_id = $1', [refused.eventId])) as { resource: string; record: string }[];
    expect(row.resource).toBe('acs:ram::1234567890123456:role/a\uFFFDb');
    expect((JSON.parse(row.record) as { resource: string }).resource).toBe(roleArn);
    const [long] = (await db.manager.query('SELECT request_id, record FROM audit_records WHERE source_event_id = $1', [longRequestId.eventId])) as { request_id: string; record: string }[];
    expect(long.request_id).toBe('R'.repeat(64));
    expect((JSON.parse(long.record) as { requestId: string }).requestId).toBe('R'.repeat(200));
  });

  it('records an event whose id or time its columns cannot hold with its batch, once, instead of stalling the partition on it', async () => {
    const longId = { ...userCreated('k'), eventId: `foreign-${'x'.repeat(40)}` }; // not ours: written to an audited topic by something else
    const farFuture = { ...userCreated('l'), occurredAt: '+275760-09-13T00:00:00.000Z' }; // beyond the 48 bits of a UUIDv7's time
    expect(await sut.record([userCreated('m'), longId, farFuture])).toBe(3);
    expect(await sut.record([longId, farFuture])).toBe(0); // redelivered: the same keys
    expect(await stored()).toHaveLength(3);
  });

  it('republishes a redelivered fetch as the same messages, storing nothing twice', async () => {
    const batch = [userCreated('d'), userCreated('e')];
    await sut.record(batch);
    const first = stream.published.map((m) => ({ id: m.envelope.eventId, payload: m.envelope.payload }));
    stream.published = [];
    expect(await sut.record(batch)).toBe(0); // the bus redelivers a fetch whose offsets were not committed
    expect(stream.published.map((m) => ({ id: m.envelope.eventId, payload: m.envelope.payload }))).toEqual(first);
    expect(await stored()).toHaveLength(2);
  });

  it('fails the fetch when the stream cannot be written, so that it is redelivered, and loses nothing when it is', async () => {
    const batch = [userCreated('f'), userCreated('g')];
    stream.down = true;
    await expect(sut.record(batch)).rejects.toThrow('Connection timeout'); // offsets stay uncommitted
    expect(await stored()).toHaveLength(2); // the trail has them already
    stream.down = false;
    await sut.record(batch); // the redelivery
    expect(stream.published.map((m) => (m.envelope.payload as { sourceEventId: string }).sourceEventId).sort()).toEqual(batch.map((e) => e.eventId).sort());
  });
});
