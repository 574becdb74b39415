import { embeddedConfig, IssuanceStore, openIssuanceStore } from '../../../test/issuance-store.harness';
import { sessionIssued } from '../../../test/issuance.fixtures';
import { EventLogSource } from './event-log.source';
import { EventStore } from './event-store';

const issue = (s: IssuanceStore, n: number) =>
  Promise.all(Array.from({ length: n }, () => {
    const event = sessionIssued();
    return s.store.append({ streamId: `session-${(event.payload as { accessKeyId: string }).accessKeyId}`, expectedVersion: 0, events: [event], aggregateType: 'Session' });
  }));

const checkpoint = async (s: IssuanceStore): Promise<number> => Number((await s.db.manager.query("SELECT position FROM event_log_checkpoints WHERE name = 'relay'"))[0].position);

describe(EventLogSource.name, () => {
  let s: IssuanceStore;
  let sut: EventLogSource;

  beforeEach(async () => {
    s = await openIssuanceStore(embeddedConfig());
    sut = s.store.log!;
  });
  afterEach(() => s.db.dataSource.destroy());

  it('hands out committed events in position order and stores the checkpoint only once they are published', async () => {
    const recorded = (await issue(s, 5)).flat();
    const batch = await sut.next(3);
    expect(batch!.messages.map((m) => m.envelope.eventId)).toEqual(recorded.slice(0, 3).map((r) => r.envelope.eventId));
    expect(batch!.messages.every((m) => m.topic === 'opensts.issuance.events.v1' && m.key.startsWith('session-'))).toBe(true);
    expect(await checkpoint(s)).toBe(0);
    await batch!.published();
    expect(await checkpoint(s)).toBe(3);
    expect((await sut.next(10))!.messages.map((m) => m.envelope.eventId)).toEqual(recorded.slice(3).map((r) => r.envelope.eventId));
  });

  it('hands out the same batch again when it was not published (a failed publish)', async () => {
    await issue(s, 2);
    const first = await sut.next(10);
    const again = await sut.next(10);
    expect(again!.messages).toEqual(first!.messages);
  });

  it('after a restart, publishes from the table what was committed but not published, as it was stored', async () => {
    const recorded = (await issue(s, 4)).flat();
    await (await sut.next(1))!.published();
    // a new store on the same database: nothing in memory, the checkpoint on disk
    const reopened = new EventStore(s.db, s.outbox, s.projection);
    const batch = await reopened.log!.next(10);
    expect(batch!.messages.map((m) => m.envelope)).toEqual(recorded.slice(1).map((r) => r.envelope));
  });

  it('publishes nothing when nothing was committed since the checkpoint', async () => {
    expect(await sut.next(10)).toBeUndefined();
    await issue(s, 1);
    await (await sut.next(10))!.published();
    expect(await sut.next(10)).toBeUndefined();
  });
});
