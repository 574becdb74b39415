/**
 * The baseline: a bare Fastify handler on `/` answering a fixed AssumeRole-shaped JSON body, no
 * parsing, no signature. Prints `READY <port>` when listening.
 */
import Fastify from 'fastify';

const BODY = JSON.stringify({
  RequestId: '6894B13B-6D71-4EF5-88FA-F32781734A7F',
  AssumedRoleUser: { Arn: 'acs:ram::1234567890123456:role/deployer/bench', AssumedRoleId: '310000000000000001:bench' },
  Credentials: { SecurityToken: 'x'.repeat(300), Expiration: '2026-11-28T12:00:00Z', AccessKeySecret: 'y'.repeat(30), AccessKeyId: 'STS.zzzzzzzzzzzzzzzzzzzzzzzz' },
});

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.route({ method: ['GET', 'POST'], url: '/', handler: (_req, reply) => reply.header('content-type', 'application/json;charset=utf-8').send(BODY) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`);
}

void main();
