import type { AppConfig } from '@opensts/platform';
import { assertOneNonceDatabase } from './nonce-store.module';

const distributed = { STS_MODE: 'distributed' } as AppConfig;

describe(assertOneNonceDatabase.name, () => {
  it('refuses a per-container DATABASE_URL without DATABASE_URL_NONCES in distributed mode, naming the variable', () => {
    expect(() => assertOneNonceDatabase(distributed, { DATABASE_URL: 'postgres://db/opensts_gateway' })).toThrow(
      /^Invalid configuration: DATABASE_URL_NONCES: required with DATABASE_URL in distributed mode/,
    );
  });

  it('accepts DATABASE_URL with DATABASE_URL_NONCES, the per-service variables alone, and embedded mode', () => {
    expect(() => assertOneNonceDatabase(distributed, { DATABASE_URL: 'postgres://db/a', DATABASE_URL_NONCES: 'postgres://db/opensts_nonces' })).not.toThrow();
    expect(() => assertOneNonceDatabase(distributed, { DATABASE_URL_GATEWAY: 'postgres://db/opensts_gateway' })).not.toThrow();
    expect(() => assertOneNonceDatabase({ STS_MODE: 'embedded' } as AppConfig, { DATABASE_URL: 'postgres://db/a' })).not.toThrow();
  });
});
