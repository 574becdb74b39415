/**
 * The floor of the distributed mode's AssumeRole on this machine: the same hops as the real fleet
 * (load generator → gateway over HTTP/1.1; gateway → PostgreSQL for the nonce; gateway → issuer
 * over HTTP/2 with mutual TLS; issuer → PostgreSQL for event + outbox; relay → Kafka; audit
 * consumer → PostgreSQL → Kafka) with the same libraries, group commits and batching, and none of
 * OpenSTS's code but gRPC's 5-byte message framing: no NestJS, no policy evaluation, no logging,
 * no tracing, no read models, no identity-directory or policy processes. What this costs is what any implementation of this
 * architecture pays before it does its own work (bench/RESULTS.md, gateway, "The floor").
 */
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { createCertificateAuthority, issueCertificate } from '../../libs/platform/src/tls/certificate-authority';
import { freshDatabase, INFRA, requireInfra, uniqueSuffix } from '../../test/support/infra';
import { spawnReady } from './bench-runner';

const SCHEMA = `
CREATE TABLE nonces (access_key_id text NOT NULL, nonce text NOT NULL, PRIMARY KEY (access_key_id, nonce));
CREATE TABLE events (position bigserial PRIMARY KEY, stream_id text NOT NULL, version int NOT NULL, event_id uuid NOT NULL UNIQUE, payload text NOT NULL, UNIQUE (stream_id, version));
CREATE TABLE outbox (id bigserial PRIMARY KEY, topic text NOT NULL, message_key text NOT NULL, envelope text NOT NULL);
CREATE TABLE audit_records (event_id uuid PRIMARY KEY, event_type text NOT NULL, occurred_at timestamptz NOT NULL, aggregate_id text NOT NULL, record text NOT NULL);`;

export interface FloorFleet {
  port: number;
  pid: number;
  otherPids: () => Record<string, number | undefined>;
  teardown: () => Promise<void>;
}

export async function startFloorFleet(): Promise<FloorFleet> {
  await requireInfra();
  const db = await freshDatabase('floor');
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  await pg.query(SCHEMA);
  await pg.end();
  const suffix = uniqueSuffix();
  const topics = { FLOOR_TOPIC_EVENTS: `floor-${suffix}.issuance`, FLOOR_TOPIC_AUDIT: `floor-${suffix}.audit` };
  const admin = new Kafka({ clientId: 'floor-admin', brokers: INFRA.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
  await admin.disconnect();
  const ca = await createCertificateAuthority('floor CA');
  const issuerCert = await issueCertificate(ca, { commonName: 'floor-issuer', dnsNames: ['floor-issuer'], serverAuth: true });
  const gatewayCert = await issueCertificate(ca, { commonName: 'floor-gateway', clientAuth: true });
  const env = { FLOOR_PG_URL: db.url, FLOOR_KAFKA: INFRA.kafkaBrokers.join(','), FLOOR_CA: ca.certPem, ...topics };
  const children: ChildProcess[] = [];
  try {
    const issuer = await spawnReady('floor-issuer.server.js', [], { ...env, FLOOR_ISSUER_CERT: issuerCert.certPem, FLOOR_ISSUER_KEY: issuerCert.keyPem });
    children.push(issuer.child);
    const audit = await spawnReady('floor-audit.server.js', [], env);
    children.push(audit.child);
    const gateway = await spawnReady('floor-gateway.server.js', [], { ...env, FLOOR_ISSUER_PORT: String(issuer.port), FLOOR_GATEWAY_CERT: gatewayCert.certPem, FLOOR_GATEWAY_KEY: gatewayCert.keyPem });
    children.push(gateway.child);
    return {
      port: gateway.port,
      pid: gateway.child.pid!,
      otherPids: () => ({ issuer: issuer.child.pid, audit: audit.child.pid, gateway: gateway.child.pid }),
      teardown: async () => {
        await Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));
        await db.drop();
      },
    };
  } catch (err) {
    children.forEach((c) => c.kill('SIGKILL'));
    await db.drop();
    throw err;
  }
}
