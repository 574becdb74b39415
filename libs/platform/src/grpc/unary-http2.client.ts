import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type SecureClientSessionOptions } from 'node:http2';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { grpcFrame } from './grpc-frame';

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
 * the server restarting); calls made while it connects wait for it, for CONNECT_TIMEOUT_MS at
 * most. After a failed connection, calls fail at once (UNAVAILABLE) until a backoff has passed
 * (200 ms doubling to 5 s), instead of each paying a connection attempt. A call the server never
 * started (REFUSED_STREAM, or a session gone before the stream was sent) is tried once more, as
 * grpc-js does; any other failure after sending is not retried, since the action may have run. A
 * call without an answer by its deadline fails DEADLINE_EXCEEDED, and the session is pinged: one
 * that does not answer within PING_TIMEOUT_MS (a half-open connection) is dropped.
 */
export class UnaryHttp2Client {
  private session?: ClientHttp2Session;
  private readonly authority: string;
  private readonly options: SecureClientSessionOptions;
  private backoffMs = MIN_BACKOFF_MS;
  private failedUntil = 0;

  constructor(
    target: string,
    tls?: UnaryHttp2Tls,
    private readonly connectTimeoutMs = CONNECT_TIMEOUT_MS,
  ) {
    this.authority = `${tls ? 'https' : 'http'}://${grpcAddress(target)}`;
    this.options = tls ? { ca: tls.ca, key: tls.key, cert: tls.cert, servername: tls.servername, ALPNProtocols: ['h2'] } : {};
  }

  /** Sends one message to `path`; resolves with the answer's message bytes. */
  async call(path: string, message: Uint8Array, metadata: Record<string, string>, deadlineMs: number): Promise<Buffer> {
    const deadline = Date.now() + deadlineMs;
    const headers = requestHeaders(path, metadata);
    const body = grpcFrame(message);
    try {
      return await this.attempt(headers, body, deadline);
    } catch (err) {
      if (!(err instanceof NotSent) || Date.now() >= deadline) throw err instanceof NotSent ? err.failure : err;
      return this.attempt(headers, body, deadline).catch((again: unknown) => {
        throw again instanceof NotSent ? again.failure : again;
      });
    }
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }

  private attempt(headers: Record<string, string>, body: Buffer, deadline: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (Date.now() < this.failedUntil) return reject(new UnaryCallError(GrpcStatus.UNAVAILABLE, 'no connection (backing off after a failed one)'));
      let session: ClientHttp2Session;
      let stream: ClientHttp2Stream;
      try {
        session = this.connected();
        stream = session.request({ ...headers, 'grpc-timeout': `${Math.max(1, deadline - Date.now())}m` });
      } catch (err) {
        this.drop(this.session);
        return reject(new NotSent(new UnaryCallError(GrpcStatus.UNAVAILABLE, (err as Error).message)));
      }
      let settled = false;
      let responded = false;
      const fail = (error: UnaryCallError | NotSent) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
        reject(error);
      };
      const timer = setTimeout(() => {
        fail(new UnaryCallError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'));
        this.probe(session);
      }, Math.max(0, deadline - Date.now()));
      const chunks: Buffer[] = [];
      let received = 0;
      let responseHeaders: IncomingHttpHeaders = {};
      let trailers: IncomingHttpHeaders | undefined;
      stream.on('response', (h) => {
        responded = true;
        responseHeaders = h;
      });
      stream.on('trailers', (t) => (trailers = t));
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES + 5) return fail(new UnaryCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'answer too large'));
        chunks.push(chunk);
      });
      stream.on('error', () => undefined); // 'close' decides, with the reset code
      stream.on('close', () => {
        if (settled) return;
        if (!responded) {
          // never sent, or refused before the server started it: safe to try again
          const unsent = stream.id === undefined || stream.rstCode === constants.NGHTTP2_REFUSED_STREAM;
          // the connection failed under it (refused, handshake, reset): UNAVAILABLE, as grpc-js reports it
          const code = session.destroyed || session.closed ? GrpcStatus.UNAVAILABLE : statusOfReset(stream.rstCode);
          const failure = new UnaryCallError(code, `stream closed before an answer (HTTP/2 code ${String(stream.rstCode)})`);
          return fail(unsent ? new NotSent(failure) : failure);
        }
        // an answer without trailers is a trailers-only one: its status is in the headers
        const end = trailers ?? responseHeaders;
        const status = end['grpc-status'];
        if (status === undefined) return fail(new UnaryCallError(GrpcStatus.UNKNOWN, `no gRPC status (HTTP ${String(responseHeaders[':status'] ?? 'none')})`));
        if (status !== '0') return fail(new UnaryCallError(grpcStatusOf(status), decodeMessage(end['grpc-message']), asciiMetadata(end)));
        const answer = Buffer.concat(chunks, received);
        if (answer.length < 5 || answer[0] !== 0 || answer.readUInt32BE(1) !== answer.length - 5) return fail(new UnaryCallError(GrpcStatus.INTERNAL, 'malformed gRPC answer'));
        settled = true;
        clearTimeout(timer);
        resolve(answer.subarray(5));
      });
      stream.end(body);
    });
  }

  private connected(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = connect(this.authority, this.options);
    const connectTimer = setTimeout(() => session.destroy(new Error('connection timed out')), this.connectTimeoutMs);
    connectTimer.unref();
    let up = false;
    session.once('connect', () => {
      up = true;
      clearTimeout(connectTimer);
      this.backoffMs = MIN_BACKOFF_MS;
    });
    session.on('error', () => {
      if (up) return this.drop(session);
      // the connection itself failed: calls fail fast for a while instead of each dialling again
      clearTimeout(connectTimer);
      this.failedUntil = Date.now() + this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
      this.drop(session);
    });
    session.on('goaway', () => this.drop(session));
    session.on('close', () => {
      clearTimeout(connectTimer);
      this.drop(session);
    });
    session.unref(); // an idle connection never keeps a process alive
    this.session = session;
    return session;
  }

  /** After a missed deadline: a session that cannot answer a ping is half-open, and dropped. */
  private probe(session: ClientHttp2Session): void {
    if (session.destroyed || session.closed) return;
    const timer = setTimeout(() => session.destroy(), PING_TIMEOUT_MS);
    timer.unref();
    try {
      if (!session.ping(() => clearTimeout(timer))) clearTimeout(timer); // too many pings in flight already
    } catch {
      clearTimeout(timer);
      session.destroy();
    }
  }

  private drop(session: ClientHttp2Session | undefined): void {
    if (!session) return;
    if (this.session === session) this.session = undefined;
    if (!session.destroyed && !session.closed) session.close();
  }
}

const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;

/** A failure of a call the server never started: the only kind tried again. */
class NotSent {
  constructor(readonly failure: UnaryCallError) {}
}

/** `host:port` (or `dns:///host:port`, `[v6]:port`); anything else is refused when the client is made. */
export function grpcAddress(target: string): string {
  const address = target.replace(/^dns:(\/\/\/)?/, '');
  if (!/^[A-Za-z0-9.-]+:\d+$/.test(address) && !/^\[[0-9A-Fa-f:]+\]:\d+$/.test(address)) throw new Error(`unsupported gRPC target ${target}: use host:port`);
  return address;
}

/** The request headers: custom metadata first (only valid ASCII names and values), the protocol's own last so none is overridden. */
function requestHeaders(path: string, metadata: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) if (/^[0-9a-z_.-]+$/.test(k) && !k.startsWith('grpc-') && /^[ -~]*$/.test(v)) headers[k] = v;
  return {
    ...headers,
    [constants.HTTP2_HEADER_METHOD]: 'POST',
    [constants.HTTP2_HEADER_PATH]: path,
    [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
    te: 'trailers',
  };
}

/** A stream reset without an answer, as grpc-js reports it. */
function statusOfReset(code: number): GrpcStatus {
  switch (code) {
    case constants.NGHTTP2_REFUSED_STREAM:
      return GrpcStatus.UNAVAILABLE;
    case constants.NGHTTP2_CANCEL:
      return GrpcStatus.CANCELLED;
    case constants.NGHTTP2_ENHANCE_YOUR_CALM:
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case constants.NGHTTP2_NO_ERROR:
      return GrpcStatus.UNAVAILABLE; // the connection went away before an answer
    default:
      return GrpcStatus.INTERNAL;
  }
}

function grpcStatusOf(value: string | string[]): GrpcStatus {
  const n = Number(value);
  return typeof value === 'string' && Number.isInteger(n) && n > 0 && n <= 16 ? (n as GrpcStatus) : GrpcStatus.UNKNOWN;
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
