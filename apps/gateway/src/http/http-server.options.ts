import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Errors } from '@opensts/sts-core/errors';
import { newRequestId } from '@opensts/sts-core/ids';
import { renderError } from './rpc-response.renderer';

/**
 * Request line + headers the gateway's HTTP and HTTPS listeners read. Node's default (16 KB) would
 * refuse, with a bare 431, a V3 call whose generated client puts a long parameter in the query
 * (sdk-wire.md: RPC parameters travel in the query): a 2 KB session policy percent-encoded is ~6 KB,
 * a SAMLAssertion up to 100 000 characters. The request-size rules (sts-api.md §1) are then
 * enforced by the gateway itself, with their codes.
 */
export const GATEWAY_MAX_HEADER_BYTES = 128 * 1024;

/**
 * Requests Node's parser refuses before any handler runs (headers beyond the limit, malformed
 * framing) still get the Alibaba error envelope and a RequestId, not Node's bare status line.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const error = err.code === 'HPE_HEADER_OVERFLOW' ? Errors.requestTooLarge() : Errors.badRequest('The request could not be read.');
  const requestId = newRequestId();
  const reply = renderError(error, { requestId, hostId: '' }, 'JSON');
  const head =
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}\r\ncontent-type: ${reply.contentType}\r\n` +
    `content-length: ${Buffer.byteLength(reply.body)}\r\nx-acs-request-id: ${requestId}\r\nconnection: close\r\n\r\n`;
  socket.end(head + reply.body);
}

/** The Fastify adapter of every process that serves the gateway's HTTP port. */
export const gatewayFastifyAdapter = (): FastifyAdapter =>
  new FastifyAdapter({ http: { maxHeaderSize: GATEWAY_MAX_HEADER_BYTES }, clientErrorHandler: answerClientError });
