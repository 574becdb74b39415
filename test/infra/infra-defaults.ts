/**
 * Connection settings of `npm run infra:up` (scripts/infra/lib.sh, written to .data/infra.env);
 * the environment overrides them just as it overrides the apps' configuration defaults.
 */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

const pgUrl = (db: string) => `postgres://opensts:opensts@127.0.0.1:55432/${db}`;

export const DATABASE_URLS: Record<string, string> = {
  DATABASE_URL_IDENTITY: process.env.DATABASE_URL_IDENTITY ?? pgUrl('opensts_identity'),
  DATABASE_URL_POLICY: process.env.DATABASE_URL_POLICY ?? pgUrl('opensts_policy'),
  DATABASE_URL_ISSUANCE: process.env.DATABASE_URL_ISSUANCE ?? pgUrl('opensts_issuance'),
  DATABASE_URL_GATEWAY: process.env.DATABASE_URL_GATEWAY ?? pgUrl('opensts_gateway'),
  DATABASE_URL_AUDIT: process.env.DATABASE_URL_AUDIT ?? pgUrl('opensts_audit'),
  DATABASE_URL_NONCES: process.env.DATABASE_URL_NONCES ?? pgUrl('opensts_nonces'),
  DATABASE_URL_TEST: process.env.DATABASE_URL_TEST ?? pgUrl('opensts_test'),
};

/** Retries an assertion until it passes or the time is up, then throws its last failure. */
export async function eventually(assertion: () => void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
