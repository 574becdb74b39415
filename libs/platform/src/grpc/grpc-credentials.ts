import { readFileSync } from 'node:fs';
import { ChannelCredentials, credentials, ServerCredentials } from '@grpc/grpc-js';
import { AppConfig, ConfigError } from '../config';
import type { UnaryHttp2Tls } from './unary-http2.client';

export type GrpcTlsMode = 'off' | 'tls' | 'mtls';

/** Plaintext only on loopback in embedded mode; distributed mode defaults to mutual TLS. */
export function grpcTlsMode(cfg: AppConfig): GrpcTlsMode {
  return cfg.STS_GRPC_TLS ?? (cfg.STS_MODE === 'distributed' ? 'mtls' : 'off');
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function read(variable: 'STS_TLS_CERT_FILE' | 'STS_TLS_KEY_FILE' | 'STS_TLS_CA_FILE', cfg: AppConfig): Buffer {
  const path = cfg[variable];
  if (!path) throw new ConfigError(`Invalid configuration: ${variable}: required when STS_GRPC_TLS is ${grpcTlsMode(cfg)}`);
  return readFileSync(path);
}

export function grpcServerCredentials(cfg: AppConfig): ServerCredentials {
  const mode = grpcTlsMode(cfg);
  if (mode === 'off') {
    if (cfg.STS_MODE !== 'embedded' || !LOOPBACK.has(cfg.STS_HOST)) {
      throw new ConfigError('Invalid configuration: STS_GRPC_TLS: plaintext gRPC is only allowed on loopback in embedded mode');
    }
    return ServerCredentials.createInsecure();
  }
  const keyCert = [{ cert_chain: read('STS_TLS_CERT_FILE', cfg), private_key: read('STS_TLS_KEY_FILE', cfg) }];
  return mode === 'mtls' ? ServerCredentials.createSsl(read('STS_TLS_CA_FILE', cfg), keyCert, true) : ServerCredentials.createSsl(null, keyCert, false);
}

/** Client side of a call to another OpenSTS service: presents this service's certificate under mTLS. */
/** The same credentials as grpcClientCredentials, for UnaryHttp2Client; undefined when STS_GRPC_TLS is off. */
export function grpcClientTls(cfg: AppConfig, servername: string): UnaryHttp2Tls | undefined {
  const mode = grpcTlsMode(cfg);
  if (mode === 'off') return undefined;
  const ca = read('STS_TLS_CA_FILE', cfg);
  return mode === 'mtls' ? { ca, key: read('STS_TLS_KEY_FILE', cfg), cert: read('STS_TLS_CERT_FILE', cfg), servername } : { ca, servername };
}

export function grpcClientCredentials(cfg: AppConfig): ChannelCredentials {
  const mode = grpcTlsMode(cfg);
  if (mode === 'off') return credentials.createInsecure();
  const ca = read('STS_TLS_CA_FILE', cfg);
  return mode === 'mtls' ? credentials.createSsl(ca, read('STS_TLS_KEY_FILE', cfg), read('STS_TLS_CERT_FILE', cfg)) : credentials.createSsl(ca);
}
