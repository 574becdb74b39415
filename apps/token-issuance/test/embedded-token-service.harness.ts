import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { Test, TestingModule } from '@nestjs/testing';
import pino, { type Logger } from 'pino';
import { DirectoryView } from '@opensts/access';
import { SecretBox } from '@opensts/sts-core/crypto';
import { AppConfig, CoreModule, createCertificateAuthority, EventBus, GrpcServerHost, issueCertificate, loadMasterKeyRing, NestPinoLogger, OutgoingMessage, PemPair } from '@opensts/platform';
import { TokenIssuanceModule } from '../src/token-issuance-app.module';
import { embeddedConfig } from './issuance-store.harness';
import { TokenServicePromiseClient } from './token-service.client';

/** Polls `check` every 10 ms until it holds, or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface EmbeddedTokenService {
  app: TestingModule;
  /** Plaintext on loopback (any local process in embedded mode), or with `mtls` the gateway's certificate. */
  client: TokenServicePromiseClient;
  /** With `mtls`: a new client presenting a certificate named `commonName` (each its own connection). */
  clientAs(commonName: string): Promise<TokenServicePromiseClient>;
  /** Seals AccessKey secrets as identity-directory does, for seeded directory events. */
  box: SecretBox;
  /** Publishes directory events and waits until the directory view reflects them (`ready`). */
  seed(messages: OutgoingMessage[], ready: (directory: DirectoryView) => boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * token-issuance alone in embedded mode (SQLite, in-process bus), its TokenService on loopback:
 * plaintext as `npm start` serves it, or with `mtls` behind a fresh CA as distributed mode does.
 */
export async function startEmbeddedTokenService(options: { mtls?: boolean; logger?: Logger } = {}): Promise<EmbeddedTokenService> {
  const dir = mkdtempSync(join(tmpdir(), 'opensts-grpc-pki-'));
  const ca = options.mtls ? await createCertificateAuthority('OpenSTS Test CA') : undefined;
  const write = (name: string, pem: PemPair) => {
    writeFileSync(join(dir, `${name}.crt`), pem.certPem);
    writeFileSync(join(dir, `${name}.key`), pem.keyPem);
    return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  };
  let config: AppConfig = { ...embeddedConfig(), STS_GRPC_PORT: 0 };
  if (ca) {
    const server = write('token-issuance', await issueCertificate(ca, { commonName: 'token-issuance', dnsNames: ['token-issuance', 'localhost'], ipAddresses: ['127.0.0.1'] }));
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    config = { ...config, STS_GRPC_TLS: 'mtls', STS_TLS_CERT_FILE: server.cert, STS_TLS_KEY_FILE: server.key, STS_TLS_CA_FILE: join(dir, 'ca.crt') };
  }
  const logger = options.logger ?? pino({ level: 'silent' });
  const app = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, logger, clientId: 'opensts' }), TokenIssuanceModule.register()] }).compile();
  // Nest's own Logger (the services' per-call lines) goes to the same pino logger, as runService does
  app.useLogger(new NestPinoLogger(logger));
  app.enableShutdownHooks();
  await app.init();
  const address = `127.0.0.1:${app.get(GrpcServerHost).port}`;
  const clients: TokenServicePromiseClient[] = [];
  const clientAs = async (commonName: string) => {
    if (!ca) throw new Error('clientAs needs { mtls: true }');
    const pem = await issueCertificate(ca, { commonName, serverAuth: false, clientAuth: true });
    const creds = grpcCredentials.createSsl(Buffer.from(ca.certPem), Buffer.from(pem.keyPem), Buffer.from(pem.certPem));
    const client = new TokenServicePromiseClient(address, creds, { 'grpc.ssl_target_name_override': 'token-issuance', 'grpc.use_local_subchannel_pool': 1 });
    clients.push(client);
    return client;
  };
  const client = ca ? await clientAs('gateway') : new TokenServicePromiseClient(address, grpcCredentials.createInsecure());
  if (!ca) clients.push(client);
  return {
    app,
    client,
    clientAs,
    box: new SecretBox(loadMasterKeyRing(config)),
    seed: async (messages, ready) => {
      await app.get(EventBus).publish(messages);
      await until(() => ready(app.get(DirectoryView)));
    },
    close: async () => {
      for (const c of clients) c.close();
      await app.close();
    },
  };
}
