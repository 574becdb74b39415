import { StsError } from '@opensts/sts-core/errors';
import { AppConfig, AuthenticatedCall, grpcTlsMode, peerCommonName } from '@opensts/platform';

/**
 * Who may do what on opensts.v1.TokenService (docs/adr/0006-grpc-trust-model.md). The channel
 * is the only proof of a service's identity: the common name of its mutual-TLS client
 * certificate, issued by the deployment's CA. Without mutual TLS nobody is a trusted peer.
 */
export const GrpcTrust = {
  /** May hand over an already verified principal (AssumeRole, GetCallerIdentity). */
  principalHandover: ['gateway'] as readonly string[],
  /** May revoke and list sessions. */
  sessionAdministration: ['gateway'] as readonly string[],
};

export const GrpcTrustErrors = {
  principalRefused: () => new StsError('Forbidden.PrincipalHandover', 403, 'A verified principal is accepted only from the gateway over mutual TLS.'),
  peerNotAllowed: () => new StsError('Forbidden.Peer', 403, 'This operation is reserved to authorised OpenSTS services (mutual TLS).'),
};

/** The peer's certificate name when the channel is mutual TLS, else undefined. */
export function authenticatedPeer(cfg: AppConfig, call: AuthenticatedCall): string | undefined {
  return grpcTlsMode(cfg) === 'mtls' ? peerCommonName(call) : undefined;
}

/** Throws unless the call comes over mutual TLS from one of `allowed` (any peer when omitted). */
export function requirePeer(cfg: AppConfig, call: AuthenticatedCall, allowed: readonly string[] | undefined, error: () => StsError): string {
  const peer = authenticatedPeer(cfg, call);
  if (peer === undefined || (allowed !== undefined && !allowed.includes(peer))) throw error();
  return peer;
}
