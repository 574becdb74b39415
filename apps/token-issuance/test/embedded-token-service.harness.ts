import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { Test, TestingModule } from '@nestjs/testing';
import pino from 'pino';
import { DirectoryView } from '@opensts/access';
import { SecretBox } from '@opensts/sts-core/crypto';
import { CoreModule, EventBus, GrpcServerHost, loadMasterKeyRing, OutgoingMessage } from '@opensts/platform';
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
  /** A plaintext client on loopback: no channel identity, as any local process in embedded mode. */
  client: TokenServicePromiseClient;
  /** Seals AccessKey secrets as identity-directory does, for seeded directory events. */
  box: SecretBox;
  /** Publishes directory events and waits until the directory view reflects them (`ready`). */
  seed(messages: OutgoingMessage[], ready: (directory: DirectoryView) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** token-issuance alone in embedded mode (SQLite, in-process bus), its TokenService on loopback plaintext. */
export async function startEmbeddedTokenService(): Promise<EmbeddedTokenService> {
  const config = { ...embeddedConfig(), STS_GRPC_PORT: 0 };
  const app = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, logger: pino({ level: 'silent' }), clientId: 'opensts' }), TokenIssuanceModule.register()] }).compile();
  app.enableShutdownHooks();
  await app.init();
  const client = new TokenServicePromiseClient(`127.0.0.1:${app.get(GrpcServerHost).port}`, grpcCredentials.createInsecure());
  return {
    app,
    client,
    box: new SecretBox(loadMasterKeyRing(config)),
    seed: async (messages, ready) => {
      await app.get(EventBus).publish(messages);
      await until(() => ready(app.get(DirectoryView)));
    },
    close: async () => {
      client.close();
      await app.close();
    },
  };
}
