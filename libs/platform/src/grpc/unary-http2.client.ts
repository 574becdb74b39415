import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type SecureClientSessionOptions } from 'node:http2';
import { status as GrpcStatus } from '@grpc/grpc-js';

/** What a failed call reports: the gRPC status, its message, and the trailing metadata (ASCII keys only). */
export class UnaryCallError extends Error {
  constructor(
    readonly code: GrpcStatus,
    readonly details: string,
    readonly trailers: Readonly<Record<string, string>> = {},
  ) {
    super(`gRPC status ${code}: ${details}`);
  }
}

export interface UnaryHttp2Tls {
  ca: Buffer;
  /** Mutual TLS: this client's key and certificate. */
  key?: Buffer;
  cert?: Buffer;
  /** The name the server's certificate must carry (and the SNI), like grpc-js's `ssl_target_name_override`. */
  servername: string;
}

/** Answers larger than this are refused (grpc-js's default receive limit). */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * A gRPC unary client on node:http2, for the internal calls on the request path (the gateway
 * invoking an action of token-issuance or a directory service).
 *
 * Why not @grpc/grpc-js's client, which the rest of OpenSTS uses: on this 2-core machine it
 * spends ≈ 200 µs of CPU per unary call (bench/RESULTS.md, assume-role-grpc and gateway) in
 * resolvers, load-balancing and call-credential layers, interceptors and per-call listeners,
 * none of which a fixed address inside the deployment needs. A unary call is one HTTP/2 stream:
 * the request headers, one length-prefixed message, and the status in the trailers (gRPC over
 * HTTP/2, PROTOCOL-HTTP2.md); that much is written here, and nothing else. The servers stay
 * grpc-js, with the same TLS and peer checks.
 *
 * One HTTP/2 session per client, opened on the first call and again after it closed (a GOAWAY,
 * the server restarting); calls made while it connects wait for it. A call that cannot reach the
 * server fails UNAVAILABLE; one without an answer by its deadline, DEADLINE_EXCEEDED.
 */
export class UnaryHttp2Client {
  private session?: ClientHttp2Session;
  private readonly authority: string;
  private readonly options: SecureClientSessionOptions;

  constructor(target: string, tls?: UnaryHttp2Tls) {
    const address = target.replace(/^dns:(\/\/\/)?/, '');
    if (!/^[A-Za-z0-9.-]+:\d+$/.test(address) && !/^\[[0-9A-Fa-f:]+\]:\d+$/.test(address)) throw new Error(`unsupported gRPC target ${target}: use host:port`);
    this.authority = `${tls ? 'https' : 'http'}://${address}`;
    this.options = tls ? { ca: tls.ca, key: tls.key, cert: tls.cert, servername: tls.servername, ALPNProtocols: ['h2'] } : {};
  }

  /** Sends one message to `path`; resolves with the answer's message bytes. */
  call(path: string, message: Uint8Array, metadata: Record<string, string>, deadlineMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let stream: ClientHttp2Stream;
      try {
        stream = this.connected().request({
          [constants.HTTP2_HEADER_METHOD]: 'POST',
          [constants.HTTP2_HEADER_PATH]: path,
          [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
          te: 'trailers',
          'grpc-timeout': `${Math.max(1, Math.ceil(deadlineMs))}m`,
          ...metadata,
        });
      } catch (err) {
        this.session = undefined;
        return reject(new UnaryCallError(GrpcStatus.UNAVAILABLE, (err as Error).message));
      }
      let settled = false;
      const fail = (error: UnaryCallError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
        reject(error);
      };
      const timer = setTimeout(() => fail(new UnaryCallError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded')), deadlineMs);
      const chunks: Buffer[] = [];
      let received = 0;
      let headers: IncomingHttpHeaders = {};
      let trailers: IncomingHttpHeaders | undefined;
      stream.on('response', (h) => (headers = h));
      stream.on('trailers', (t) => (trailers = t));
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES + 5) return fail(new UnaryCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'answer too large'));
        chunks.push(chunk);
      });
      stream.on('error', (err: Error) => fail(new UnaryCallError(GrpcStatus.UNAVAILABLE, err.message)));
      stream.on('close', () => {
        if (settled) return;
        // an answer without trailers is a trailers-only one: its status is in the headers
        const end = trailers ?? headers;
        const status = end['grpc-status'];
        if (status === undefined) return fail(new UnaryCallError(GrpcStatus.UNAVAILABLE, `no gRPC status (HTTP ${String(headers[':status'] ?? 'none')})`));
        if (status !== '0') return fail(new UnaryCallError(Number(status) as GrpcStatus, decodeMessage(end['grpc-message']), asciiMetadata(end)));
        const body = Buffer.concat(chunks, received);
        if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) return fail(new UnaryCallError(GrpcStatus.INTERNAL, 'malformed gRPC answer'));
        settled = true;
        clearTimeout(timer);
        resolve(body.subarray(5));
      });
      stream.end(frame(message));
    });
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }

  private connected(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = connect(this.authority, this.options);
    // the calls on it report a failure; a session that failed or went away is replaced on the next call
    const forget = () => {
      if (this.session === session) this.session = undefined;
    };
    session.on('error', forget);
    session.on('goaway', forget);
    session.on('close', forget);
    session.unref(); // an idle connection never keeps a process alive
    this.session = session;
    return session;
  }
}

/** One length-prefixed, uncompressed gRPC message. */
function frame(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

function decodeMessage(value: string | string[] | undefined): string {
  if (typeof value !== 'string') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function asciiMetadata(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (!k.startsWith(':') && !k.endsWith('-bin') && typeof v === 'string') out[k] = v;
  return out;
}
