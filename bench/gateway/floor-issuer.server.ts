/**
 * The floor's issuer process (see floor-fleet.ts): an HTTP/2 server with mutual TLS answering
 * gRPC-framed unary calls; per call a token sealed with AES-256-GCM and an event plus its outbox
 * row, group-committed in one statement per event-loop turn; a relay that, 5 ms after a commit,
 * takes the outbox rows (DELETE … RETURNING in a transaction), produces them to Kafka (idempotent,
 * acks=all) and commits. No OpenSTS code but gRPC's message framing. Prints `READY <port>`.
 */
import { createSecureServer, type ServerHttp2Stream } from 'node:http2';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { grpcFrame } from '../../libs/platform/src/grpc/grpc-frame';
import { env, issueSession, perTurn, tokenSealer, type AssumeRoleAsked } from './floor-common';

const pool = new Pool({ connectionString: env('FLOOR_PG_URL'), max: 10 });
const kafka = new Kafka({ clientId: 'floor-issuer', brokers: env('FLOOR_KAFKA').split(','), logLevel: logLevel.NOTHING });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const TOPIC = env('FLOOR_TOPIC_EVENTS');
const seal = tokenSealer();

interface Work { streamId: string; eventId: string; envelope: string; done: (err?: unknown) => void }
const APPEND =
  'WITH ev AS (INSERT INTO events (stream_id, version, event_id, payload) SELECT s, 1, e, p FROM unnest($1::text[], $2::uuid[], $3::text[]) AS t(s, e, p)) ' +
  'INSERT INTO outbox (topic, message_key, envelope) SELECT $4, s, p FROM unnest($1::text[], $3::text[]) AS t(s, p)';

const append = perTurn<Work>(async (batch) => {
  try {
    await pool.query({ name: 'append', text: APPEND, values: [batch.map((w) => w.streamId), batch.map((w) => w.eventId), batch.map((w) => w.envelope), TOPIC] });
    batch.forEach((w) => w.done());
    nudgeRelay();
  } catch (err) {
    batch.forEach((w) => w.done(err));
  }
});

let relayTimer: NodeJS.Timeout | undefined;
let relaying = false;
function nudgeRelay(): void {
  relayTimer ??= setTimeout(() => {
    relayTimer = undefined;
    void relay();
  }, 5);
}
async function relay(): Promise<void> {
  if (relaying) return nudgeRelay();
  relaying = true;
  try {
    for (;;) {
      const client = await pool.connect();
      let n = 0;
      try {
        await client.query('BEGIN');
        const rows = (await client.query({ name: 'take', text: 'DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 500) RETURNING id, message_key, envelope' })).rows as { id: string; message_key: string; envelope: string }[];
        rows.sort((a, b) => Number(a.id) - Number(b.id));
        if (rows.length > 0) await producer.send({ topic: TOPIC, acks: -1, messages: rows.map((r) => ({ key: r.message_key, value: r.envelope, headers: { 'event-type': 'SessionIssued' } })) });
        await client.query('COMMIT');
        n = rows.length;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      if (n < 500) break;
    }
  } finally {
    relaying = false;
  }
}

function answer(stream: ServerHttp2Stream, body: Buffer): void {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(grpcFrame(body));
}

async function main(): Promise<void> {
  await producer.connect();
  const server = createSecureServer({ ca: env('FLOOR_CA'), cert: env('FLOOR_ISSUER_CERT'), key: env('FLOOR_ISSUER_KEY'), requestCert: true, rejectUnauthorized: true });
  server.on('stream', (stream, headers) => {
    if (headers[':path'] !== '/floor.Issuer/AssumeRole' || !String(headers['content-type']).startsWith('application/grpc')) {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true });
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).subarray(5).toString()) as AssumeRoleAsked;
      const issued = issueSession(request, seal);
      append({
        streamId: issued.sessionId,
        eventId: issued.eventId,
        envelope: issued.envelope,
        done: (err) => {
          if (err) return stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '13' }, { endStream: true });
          answer(stream, Buffer.from(issued.answer));
        },
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  process.stdout.write(`READY ${(server.address() as { port: number }).port}\n`);
}

void main();
