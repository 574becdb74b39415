/**
 * The floor's gateway process (see floor-fleet.ts): Fastify over HTTP/1.1, the V1 signature's own
 * work (sorted, percent-encoded string to sign, HMAC-SHA1, constant-time compare), a SignatureNonce
 * claim group-committed into PostgreSQL, one gRPC-framed unary call over HTTP/2 with mutual TLS to
 * the issuer, and the JSON answer. No OpenSTS code but gRPC's message framing. Prints `READY <port>`.
 */
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { grpcFrame } from '../../libs/platform/src/grpc/grpc-frame';
import { env, perTurn, signatureWork } from './floor-common';

const pool = new Pool({ connectionString: env('FLOOR_PG_URL'), max: 10 });
const tls = { ca: env('FLOOR_CA'), cert: env('FLOOR_GATEWAY_CERT'), key: env('FLOOR_GATEWAY_KEY') };
let session: ClientHttp2Session | undefined;

function issuer(): ClientHttp2Session {
  if (session && !session.closed && !session.destroyed) return session;
  session = connect(`https://127.0.0.1:${env('FLOOR_ISSUER_PORT')}`, { ...tls, servername: 'floor-issuer' });
  session.on('error', () => (session = undefined));
  return session;
}

function call(body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = issuer().request({ [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: '/floor.Issuer/AssumeRole', 'content-type': 'application/grpc', te: 'trailers' });
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('trailers', (t) => (t['grpc-status'] === '0' ? resolve(Buffer.concat(chunks).subarray(5)) : reject(new Error(String(t['grpc-message'])))));
    stream.on('error', reject);
    stream.end(grpcFrame(body));
  });
}

// the nonces of one event-loop turn share one INSERT, as in the real store
interface Claim { key: string; nonce: string; resolve: (won: boolean) => void; reject: (e: unknown) => void }
const CLAIM = 'INSERT INTO nonces (access_key_id, nonce) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING RETURNING access_key_id, nonce';
const submitClaim = perTurn<Claim>(async (batch) => {
  try {
    const rows = (await pool.query({ name: 'claim', text: CLAIM, values: [batch.map((c) => c.key), batch.map((c) => c.nonce)] })).rows as { access_key_id: string; nonce: string }[];
    const won = new Set(rows.map((r) => `${r.access_key_id}\n${r.nonce}`));
    for (const c of batch) c.resolve(won.has(`${c.key}\n${c.nonce}`));
  } catch (err) {
    for (const c of batch) c.reject(err);
  }
});
const claim = (key: string, nonce: string) => new Promise<boolean>((resolve, reject) => submitClaim({ key, nonce, resolve, reject }));

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.post('/', async (req, reply) => {
    const query = req.query as Record<string, string>;
    signatureWork(query);
    if (!(await claim(query.AccessKeyId, query.SignatureNonce))) return reply.code(400).send({ Code: 'SignatureNonceUsed' });
    const answer = await call(Buffer.from(JSON.stringify({ roleArn: query.RoleArn, sessionName: query.RoleSessionName, accessKeyId: query.AccessKeyId })));
    return reply.header('content-type', 'application/json;charset=utf-8').send(answer);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`);
}

void main();
