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

/** The peer's certificate name when the channel is mutual TLS, else undefined (read once per connection). */
export function authenticatedPeer(cfg: AppConfig, call: AuthenticatedCall): string | undefined {
  return grpcTlsMode(cfg) === 'mtls' ? peerCommonName(call) : undefined;
}

/** Throws unless the call comes over mutual TLS from one of `allowed` (any peer when omitted). */
export function requirePeer(cfg: AppConfig, call: AuthenticatedCall, allowed: readonly string[] | undefined, error: () => StsError): string {
  const peer = authenticatedPeer(cfg, call);
  if (peer === undefined || (allowed !== undefined && !allowed.includes(peer))) throw error();
  return peer;
}
