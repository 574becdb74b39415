import { ConfigError, loadConfig } from '../config';
import { grpcServerCredentials } from './grpc-credentials';

const PLAINTEXT_REFUSED = 'Invalid configuration: STS_GRPC_TLS: plaintext gRPC is only allowed on loopback in embedded mode';

/** What the operator sees when starting a gRPC listener with the given environment. */
const startWith = (env: NodeJS.ProcessEnv): string => {
  try {
    grpcServerCredentials(loadConfig(env));
    return 'started';
  } catch (err) {
    return err instanceof ConfigError ? err.message : `unexpected ${String(err)}`;
  }
};

describe(grpcServerCredentials.name, () => {
  it('refuses plaintext on an address other than loopback, whether STS_GRPC_TLS=off is set or defaulted', () => {
    expect(startWith({ STS_HOST: '0.0.0.0', STS_GRPC_TLS: 'off' })).toBe(PLAINTEXT_REFUSED);
    expect(startWith({ STS_HOST: '10.1.2.3' })).toBe(PLAINTEXT_REFUSED);
    expect(startWith({ STS_HOST: '::', STS_GRPC_TLS: 'off' })).toBe(PLAINTEXT_REFUSED);
  });

  it('refuses plaintext in distributed mode, even on loopback', () => {
    expect(startWith({ STS_MODE: 'distributed', STS_HOST: '127.0.0.1', STS_GRPC_TLS: 'off' })).toBe(PLAINTEXT_REFUSED);
  });

  it('serves plaintext on loopback in embedded mode, as npm start does', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(startWith({ STS_HOST: host, STS_GRPC_TLS: 'off' })).toBe('started');
    expect(startWith({})).toBe('started');
  });

  it('asks distributed mode, mutual TLS by default, for its certificate first', () => {
    expect(startWith({ STS_MODE: 'distributed', STS_HOST: '0.0.0.0' })).toBe('Invalid configuration: STS_TLS_CERT_FILE: required when STS_GRPC_TLS is mtls');
  });
});
