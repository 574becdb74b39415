import { StsError } from '@opensts/sts-core/errors';
import { AppConfig, AuthenticatedCall, grpcTlsMode, peerCommonName } from '@opensts/platform';

/**
 * Who may do what on opensts.v1.TokenService (docs/adr/0006-grpc-trust-model.md). The channel
 * is the only proof of a service's identity: the common name of its mutual-TLS client
 * certificate, issued by the deployment's CA. Without mutual TLS nobody is a trusted peer.
 */
export const GrpcTrust = {
  /**
   * May hand over an already verified principal (AssumeRole, GetCallerIdentity, session
   * administration, which then authorises that principal itself).
   */
  principalHandover: ['gateway'] as readonly string[],
};

export const GrpcTrustErrors = {
  principalRefused: () => new StsError('Forbidden.PrincipalHandover', 403, 'A verified principal is accepted only from the gateway over mutual TLS.'),
  tokenSubjectRefused: () =>
    new StsError('Forbidden.SecurityTokenSubject', 403, 'A SecurityToken alone proves nothing: it is accepted as the subject only from an OpenSTS service over mutual TLS. Send the signed request instead.'),
};

/** The peer's certificate name when the channel is mutual TLS, else undefined. */
export function authenticatedPeer(cfg: AppConfig, call: AuthenticatedCall): string | undefined {
  return grpcTlsMode(cfg) === 'mtls' ? connectionPeerName(call) : undefined;
}

const peerBySession = new WeakMap<object, string | undefined>();

/**
 * `peerCommonName` once per connection: reading the certificate (getPeerCertificate) costs more
 * than the rest of a VerifyRequest. A certificate cannot change within an HTTP/2 connection (HTTP/2
 * forbids TLS renegotiation), so the name is remembered per HTTP/2 session, found through grpc-js
 * internals (1.14); when they are not where expected, every call reads the certificate again.
 */
export function connectionPeerName(call: AuthenticatedCall): string | undefined {
  let node = (call as { call?: unknown }).call;
  for (let depth = 0; depth < 4 && node; depth++) {
    const session = (node as { stream?: { session?: object } }).stream?.session;
    if (session) {
      if (!peerBySession.has(session)) peerBySession.set(session, peerCommonName(call));
      return peerBySession.get(session);
    }
    node = (node as { nextCall?: unknown }).nextCall;
  }
  return peerCommonName(call);
}

/** Throws unless the call comes over mutual TLS from one of `allowed` (any peer when omitted). */
export function requirePeer(cfg: AppConfig, call: AuthenticatedCall, allowed: readonly string[] | undefined, error: () => StsError): string {
  const peer = authenticatedPeer(cfg, call);
  if (peer === undefined || (allowed !== undefined && !allowed.includes(peer))) throw error();
  return peer;
}
