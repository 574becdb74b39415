import type { TLSSocket } from 'node:tls';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestContextStore, withIncomingTraceContext } from '@opensts/platform';
import { Errors, type StsError } from '@opensts/sts-core/errors';
import { newRequestId } from '@opensts/sts-core/ids';
import type { GatewayOptions } from '../config/gateway-options';
import { GATEWAY_OPTIONS } from '../gateway.constants';
import { RpcCallHandler, type RpcReply, type TransportFacts } from './rpc-call.handler';

const OTHER_METHODS = ['DELETE', 'PATCH', 'PUT', 'OPTIONS'] as const;

/**
 * The Alibaba OpenAPI RPC endpoint, `GET|POST /`, registered straight on the Fastify instance
 * under Nest: the Nest pipeline (guards, interceptors, pipes, exception filters) would add cost to
 * every AssumeRole and nothing the gateway uses (ADR 0009). In its own Fastify scope every body is
 * buffered raw (the V3 content hash needs the exact bytes; the form is decoded by the gateway) and
 * framework errors (body too large, bad Content-Length) get the Alibaba error envelope. Other paths
 * and methods answer InvalidAction.NotFound.
 */
@Injectable()
export class RpcEndpointHttpController implements OnModuleInit {
  private readonly logger = new Logger('RpcEndpoint');

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(RpcCallHandler) private readonly handler: RpcCallHandler,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: this.options.maxPostBytes }, (_req, body, done) => done(null, body));
      scope.setErrorHandler((err: FastifyError, request, reply) => this.frameworkError(err, request, reply));
      scope.route({ method: ['GET', 'POST'], url: '/', bodyLimit: this.options.maxPostBytes, handler: (request, reply) => this.serve(request, reply) });
      scope.route({ method: [...OTHER_METHODS], url: '/', handler: (request, reply) => this.refuse(request, reply, Errors.invalidActionNotFound()) });
      scope.route({ method: ['GET', 'POST', ...OTHER_METHODS], url: '/*', handler: (request, reply) => this.refuse(request, reply, Errors.invalidActionNotFound()) });
    });
  }

  private serve(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const startedAtMs = performance.now();
    const requestId = newRequestId();
    const raw = request.raw;
    const unreadBody = raw.method === 'GET' && (raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0);
    return inRequestContext(request, requestId, async () => {
      const result = await this.handler.handle(
        { method: raw.method ?? 'GET', url: raw.url ?? '/', rawHeaders: raw.rawHeaders, body: request.body as Buffer | undefined, unreadBody },
        transportFacts(request, requestId, startedAtMs),
      );
      return send(reply, requestId, result);
    });
  }

  /** Another path or method, or a body Fastify could not read: the refusal is logged and recorded like any other. */
  private refuse(request: FastifyRequest, reply: FastifyReply, error: StsError, cause?: Error): FastifyReply {
    const startedAtMs = performance.now();
    const requestId = newRequestId();
    return inRequestContext(request, requestId, () => {
      if (cause) this.logger.error(`request failed before the handler: ${cause.stack ?? cause.message}`);
      return send(reply, requestId, this.handler.refuse(transportFacts(request, requestId, startedAtMs), error));
    });
  }

  /** Errors Fastify raises before the handler runs (body parsing): 4xx stay 4xx, with our codes. */
  private frameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const status = err.statusCode ?? 500;
    const error = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? Errors.requestTooLarge() : status < 500 ? Errors.badRequest('The request could not be read.') : Errors.internalError();
    return this.refuse(request, reply, error, status >= 500 ? err : undefined);
  }
}

/** `fn` in the caller's W3C trace context and a request context with this RequestId (logs carry it). */
function inRequestContext<T>(request: FastifyRequest, requestId: string, fn: () => T): T {
  return withIncomingTraceContext(request.raw.headers, () => RequestContextStore.run({ requestId }, fn));
}

function transportFacts(request: FastifyRequest, requestId: string, startedAtMs: number): TransportFacts {
  return { requestId, sourceIp: request.ip, secureTransport: isTls(request), host: hostOf(request), startedAtMs };
}

function send(reply: FastifyReply, requestId: string, result: RpcReply): FastifyReply {
  reply.code(result.status).header('content-type', result.contentType).header('x-acs-request-id', requestId);
  if (result.headers) reply.headers(result.headers);
  return reply.send(result.body);
}

const isTls = (request: FastifyRequest): boolean => (request.raw.socket as Partial<TLSSocket>).encrypted === true;

/** The Host the client addressed (HostId), bounded; the local address when it sent none. */
function hostOf(request: FastifyRequest): string {
  const host = request.raw.headers.host;
  if (host) return host.length > 255 ? host.slice(0, 255) : host;
  const socket = request.raw.socket;
  return `${socket.localAddress ?? '127.0.0.1'}:${socket.localPort ?? ''}`;
}
