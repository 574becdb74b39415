/** What grpc-js server calls expose about the transport (grpc-js ≥ 1.10 `getAuthContext`). */
export interface AuthenticatedCall {
  getAuthContext?: () => { sslPeerCertificate?: unknown };
}

/**
 * The common name of the client certificate of a mutual-TLS call, or undefined on an
 * unauthenticated channel. Services hand over verified principals only to peers named here.
 */
export function peerCommonName(call: AuthenticatedCall): string | undefined {
  const cert = call.getAuthContext?.().sslPeerCertificate as { subject?: { CN?: string | string[] } } | undefined;
  const cn = cert?.subject?.CN;
  return Array.isArray(cn) ? cn[0] : cn;
}
