/**
 * How much Nest costs in front of a handler, for ADR 0009: the same fixed AssumeRole-shaped body
 * from (a) a route registered straight on Nest's Fastify instance, as the gateway does, and
 * (b) a Nest controller (`@All('/')`, reply through `@Res`). Prints `READY <port>`.
 * Usage: node nest-variants.server.js raw|controller
 */
import 'reflect-metadata';
import { All, Controller, Inject, Injectable, Module, OnModuleInit, Res } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';

const BODY = JSON.stringify({
  RequestId: '6894B13B-6D71-4EF5-88FA-F32781734A7F',
  AssumedRoleUser: { Arn: 'acs:ram::1234567890123456:role/deployer/bench', AssumedRoleId: '310000000000000001:bench' },
  Credentials: { SecurityToken: 'x'.repeat(300), Expiration: '2026-11-28T12:00:00Z', AccessKeySecret: 'y'.repeat(30), AccessKeyId: 'STS.zzzzzzzzzzzzzzzzzzzzzzzz' },
});

@Injectable()
class RawRoute implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}
  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    fastify.route({ method: ['GET', 'POST'], url: '/', handler: (_req, reply) => reply.header('content-type', 'application/json;charset=utf-8').send(BODY) });
  }
}

@Controller()
class RpcController {
  @All('/')
  handle(@Res() reply: FastifyReply): FastifyReply {
    return reply.header('content-type', 'application/json;charset=utf-8').send(BODY);
  }
}

@Module({ providers: [RawRoute] })
class RawModule {}

@Module({ controllers: [RpcController] })
class ControllerModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(process.argv[2] === 'controller' ? ControllerModule : RawModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`READY ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

void main();
