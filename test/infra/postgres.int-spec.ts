import { Client } from 'pg';
import { DATABASE_URLS } from './infra-defaults';

/** Every service database of `npm run infra:up` answers the app role; unreachable fails, never skips. */
describe('PostgreSQL of the local infra', () => {
  it.each(Object.entries(DATABASE_URLS))('%s accepts the opensts role', async (_name, url) => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    await client.connect().catch((err: Error) => {
      throw new Error(`PostgreSQL is not reachable at ${new URL(url).host} (run \`npm run infra:up\`): ${err.message}`);
    });
    try {
      const { rows } = await client.query<{ db: string; role: string; answer: number }>(
        'SELECT current_database() AS db, current_user AS role, 1 + 1 AS answer',
      );
      expect(rows[0]).toEqual({ db: new URL(url).pathname.slice(1), role: decodeURIComponent(new URL(url).username), answer: 2 });
      // The role owns its database, so migrations can create tables in public (PostgreSQL 15+).
      const { rows: owner } = await client.query<{ can: boolean }>(
        "SELECT has_schema_privilege('public', 'CREATE') AS can",
      );
      expect(owner[0].can).toBe(true);
    } finally {
      await client.end();
    }
  });
});
