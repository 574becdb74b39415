import type { EventEnvelope } from '@opensts/sts-core/events';
import { embeddedTestConfig, openTestDatabase } from '../../test/outbox-harness';
import { IdempotentConsumer } from './idempotent-consumer';
import { InboxPruner, INBOX_RETENTION_MS } from './inbox-pruner';

const env = (id: string): EventEnvelope => ({ eventId: id, type: 'T', schemaVersion: 1, occurredAt: '', aggregateType: 'A', aggregateId: 'a', aggregateVersion: 0, payload: {} });

describe(InboxPruner.name, () => {
  it('forgets only inbox entries older than the retention', async () => {
    const db = await openTestDatabase(embeddedTestConfig());
    const inbox = new IdempotentConsumer(db, 'c');
    await inbox.apply(env('e-old'), async () => undefined);
    await inbox.apply(env('e-new'), async () => undefined);
    await db.transaction((m) => m.query("UPDATE processed_events SET processed_at = ? WHERE event_id = 'e-old'", [new Date(Date.now() - INBOX_RETENTION_MS - 60_000).toISOString()]));

    await new InboxPruner(db).prune();

    const left = (await db.manager.query('SELECT event_id FROM processed_events')).map((r: { event_id: string }) => r.event_id);
    expect(left).toEqual(['e-new']);
    await db.dataSource.destroy();
  });
});
