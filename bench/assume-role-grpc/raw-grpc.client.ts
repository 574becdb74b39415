/**
 * A minimal gRPC unary client on node:http2 for the load generator: the request bodies are
 * protobuf-encoded before the run, so each call is one HTTP/2 stream with a ready frame, and the
 * answer is checked (grpc-status 0, a decodable message) but nothing else. @grpc/grpc-js spends
 * ≈ 200 µs of CPU per call on the client side (measured in these benches), a quarter of what this
 * 2-core machine has per AssumeRole: with it, the load generator measures itself as much as the
 * service. The servers are untouched: the same grpc-js server, mutual TLS and messages.
 */
import { connect, constants, type ClientHttp2Session } from 'node:http2';

export interface RawTls {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

export class RawGrpcClient {
  private readonly session: ClientHttp2Session;

  constructor(
    address: string,
    tls: RawTls,
    private readonly deadlineMs = 10_000,
  ) {
    this.session = connect(`https://${address}`, { ca: tls.ca, cert: tls.cert, key: tls.key, ALPNProtocols: ['h2'] });
    this.session.on('error', () => undefined); // a failed call reports it; the session error alone is noise
  }

  /** Resolves with the response message bytes (frame header removed); rejects with the grpc-status and message. */
  call(path: string, frame: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: path,
        [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
        te: 'trailers',
        'grpc-timeout': `${this.deadlineMs}m`,
      });
      // a stalled call is an error of the run, not a worker waiting for ever
      stream.setTimeout(this.deadlineMs, () => stream.close(constants.NGHTTP2_CANCEL));
      const chunks: Buffer[] = [];
      let status: string | undefined;
      let message = '';
      stream.on('response', (headers) => {
        // trailers-only answers (errors) carry the status in the headers
        if (headers['grpc-status'] !== undefined) [status, message] = [String(headers['grpc-status']), String(headers['grpc-message'] ?? '')];
      });
      stream.on('trailers', (trailers) => {
        [status, message] = [String(trailers['grpc-status']), String(trailers['grpc-message'] ?? '')];
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('close', () => {
        if (status !== '0') return reject(new Error(`grpc-status ${status ?? 'missing'}: ${decodeURIComponent(message)}`));
        const body = Buffer.concat(chunks);
        if (body.length < 5 || body.readUInt32BE(1) !== body.length - 5) return reject(new Error('malformed gRPC answer'));
        resolve(body.subarray(5));
      });
      stream.end(frame);
    });
  }

  close(): void {
    this.session.close();
  }
}
