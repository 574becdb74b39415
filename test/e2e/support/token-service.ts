import { readFileSync } from 'node:fs';
import { credentials } from '@grpc/grpc-js';
import { Kafka, logLevel } from 'kafkajs';
import type { ServiceName } from '@opensts/platform';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { TokenServicePromiseClient } from '../../../apps/token-issuance/test/token-service.client';
import { INFRA } from '../../support/infra';
import type { TestFleet } from '../../support/e2e-fleet';

export { signedRequest } from '../../../apps/token-issuance/test/signed-requests';
export { TokenServicePromiseClient };

/**
 * A TokenService client on the fleet's mutual-TLS channel, presenting the certificate of `as`
 * (the development PKI issues one per service; its CN is what token-issuance trusts, ADR 0006).
 */
export async function tokenServiceClient(t: TestFleet, grpcPort: number, as: ServiceName = 'gateway'): Promise<TokenServicePromiseClient> {
  const pki = await t.fleet.prepare();
  const cert = pki.services[as];
  const creds = credentials.createSsl(readFileSync(pki.caFile), readFileSync(cert.keyFile), readFileSync(cert.certFile));
  return new TokenServicePromiseClient(`127.0.0.1:${grpcPort}`, creds, { 'grpc.ssl_target_name_override': 'token-issuance', 'grpc.use_local_subchannel_pool': 1 });
}

/** Every message on a topic of the fleet's namespace, read from the beginning by a fresh group (raw: duplicates kept). */
export async function readTopic(namespace: string, topic: string, settleMs = 3_000): Promise<EventEnvelope[]> {
  const kafka = new Kafka({ brokers: INFRA.kafkaBrokers, clientId: 'e2e-topic-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-reader-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const seen: EventEnvelope[] = [];
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic: namespace + topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      last = Date.now();
      if (message.value) seen.push(JSON.parse(message.value.toString()) as EventEnvelope);
    },
  });
  const started = Date.now();
  while (Date.now() - last < settleMs || Date.now() - started < settleMs) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  return seen;
}
