import { readFileSync } from 'node:fs';
import { credentials } from '@grpc/grpc-js';
import type { ServiceName } from '@opensts/platform';
import type { EventEnvelope } from '@opensts/sts-core/events';
import { TokenServicePromiseClient } from '../../../apps/token-issuance/test/token-service.client';
import { readTopicsToEnd } from '../../support/fleet-haystacks';
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

/** Every message on a topic of the fleet's namespace, from the beginning up to its high watermark when called (raw: duplicates kept). */
export async function readTopic(namespace: string, topic: string): Promise<EventEnvelope[]> {
  const seen: EventEnvelope[] = [];
  await readTopicsToEnd([namespace + topic], (_topic, message) => {
    if (message.value) seen.push(JSON.parse(message.value.toString()) as EventEnvelope);
  });
  return seen;
}
