import { isIP } from 'node:net';
/** What grpc-js server calls expose about the transport (grpc-js ≥ 1.10 `getAuthContext`). */
export interface AuthenticatedCall {
  getAuthContext?: () => { sslPeerCertificate?: unknown };
  /**
   * grpc-js 1.14: `<remoteAddress>:<remotePort>` of the socket (`127.0.0.1:5000`, `::1:5000`,
   * `::ffff:10.0.0.1:5000`), or `unknown`; the C-core form `ipv4:…` / `ipv6:[…]:…` is read too.
   */
  getPeer?: () => string;
}

/** The peer's IP address as the transport saw it ('' for a Unix socket or when unknown). */
export function peerAddress(call: AuthenticatedCall): string {
  const peer = (call.getPeer?.() ?? '').replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(peer);
  if (bracketed) return isIP(bracketed[1]) ? bracketed[1] : '';
  // grpc-js appends the port whenever the socket has one (`::1:5000` is also a valid IPv6
  // literal, so the port is taken off first), and gives the bare address only when it has none
  const withoutPort = peer.replace(/:\d+$/, '');
  if (withoutPort !== peer && isIP(withoutPort)) return withoutPort;
  return isIP(peer) ? peer : '';
}

const nameByConnection = new WeakMap<object, string | undefined>();

/**
 * The common name of the client certificate of a mutual-TLS call, or undefined on an
 * unauthenticated channel. Services hand over verified principals only to peers named here.
 *
 * Read once per connection: decoding the certificate (getPeerCertificate) costs ~30 µs, more than
 * the rest of a VerifyRequest. The name is remembered per HTTP/2 session object, the connection
 * itself, never per address or port (a reconnecting client may reuse them): a certificate cannot
 * change within it, because HTTP/2 forbids TLS renegotiation and Node disables it on every
 * Http2Session's socket. The session is reached through grpc-js internals (1.14); when they are
 * not where expected the certificate is read again on every call, slower but never wrong.
 */
export function peerCommonName(call: AuthenticatedCall): string | undefined {
  const connection = http2SessionOf(call);
  if (connection === undefined) return certificateCommonName(call);
  if (nameByConnection.has(connection)) return nameByConnection.get(connection);
  const name = certificateCommonName(call);
  nameByConnection.set(connection, name);
  return name;
}

/** The certificate's CN, decoded on every call. */
function certificateCommonName(call: AuthenticatedCall): string | undefined {
  const cert = call.getAuthContext?.().sslPeerCertificate as { subject?: { CN?: string | string[] } } | undefined;
  const cn = cert?.subject?.CN;
  return Array.isArray(cn) ? cn[0] : cn;
}

/**
 * grpc-js 1.14: ServerUnaryCallImpl.call → (ServerInterceptingCall.nextCall)* →
 * BaseServerInterceptingCall.stream, Node's ServerHttp2Stream, whose `session` is the connection
 * (documented Node API). Only a stream of that class is trusted to name one.
 */
function http2SessionOf(call: AuthenticatedCall): object | undefined {
  let node = (call as { call?: unknown }).call;
  for (let depth = 0; depth < 4 && typeof node === 'object' && node !== null; depth++) {
    const stream = (node as { stream?: unknown }).stream;
    if (typeof stream === 'object' && stream !== null) {
      const session = (stream as { session?: unknown }).session;
      const isHttp2Stream = stream.constructor?.name === 'ServerHttp2Stream';
      return isHttp2Stream && typeof session === 'object' && session !== null ? session : undefined;
    }
    node = (node as { nextCall?: unknown }).nextCall;
  }
  return undefined;
}
