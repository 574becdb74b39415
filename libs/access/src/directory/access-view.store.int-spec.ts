import { Client } from 'pg';
import { dataSourceOptions, Database, loadConfig, openDataSource, PlatformTables1764300000000 } from '@opensts/platform';
import { SecretBox } from '@opensts/sts-core/crypto';
import { freshDatabase, requireInfra } from '../../../../test/support/infra';
import { events, masterRing } from '../../test/access-fixtures';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '../index';
import { AccessIndex } from './access-index';
import { AccessViewStore } from './access-view.store';

jest.setTimeout(60_000);

/** The durable access view in the PostgreSQL database several instances of a service share. */
describe('AccessViewStore on PostgreSQL, shared by instances', () => {
  let db: Database;
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    await requireInfra();
    const fresh = await freshDatabase('access_view');
    [url, drop] = [fresh.url, fresh.drop];
    const cfg = loadConfig({ STS_MODE: 'distributed', DATABASE_URL_GATEWAY: url });
    db = new Database(await openDataSource(dataSourceOptions(cfg, { service: 'gateway', entities: ACCESS_ENTITIES, migrations: [PlatformTables1764300000000, ...ACCESS_MIGRATIONS] })));
  });
  afterAll(async () => {
    await db?.dataSource.destroy();
    await drop?.();
  });

  it('keeps the newer of two events that create the same row at once, whichever commits last', async () => {
    const box = new SecretBox(masterRing());
    const older = events.rootKey(box, 'LTAIrace', 's');
    const newer = events.keyStatus('LTAIrace', 'Inactive');
    // another instance is writing the newer event's row and has not committed yet
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        "INSERT INTO access_view (kind, key, account_id, agg_version, event_id, aggregate_id, deleted, data) VALUES ('access-key', 'LTAIrace', $1, $2, $3, $4, false, $5)",
        [newer.accountId, newer.aggregateVersion, newer.eventId, newer.aggregateId, JSON.stringify({ accessKeyId: 'LTAIrace', status: 'Inactive' })],
      );
      // this instance applies the older one meanwhile: it sees no row yet
      const applying = new AccessViewStore(db, new AccessIndex(), 'gateway-access-a').apply(older);
      await new Promise((r) => setTimeout(r, 300));
      await other.query('COMMIT');
      await applying;
    } finally {
      await other.end();
    }
    const [row] = await db.manager.query("SELECT agg_version, event_id FROM access_view WHERE kind = 'access-key' AND key = 'LTAIrace'");
    expect(row).toEqual({ agg_version: newer.aggregateVersion, event_id: newer.eventId });
  });
});
