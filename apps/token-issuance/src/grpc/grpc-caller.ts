import { RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { Errors } from '@opensts/sts-core/errors';
import type { CallerPrincipal } from '@opensts/sts-core/principal';
import { ActionContext, AppConfig, AuthenticatedCall, grpcTlsMode, peerAddress, PRODUCT_VERSIONS, principalFromProto } from '@opensts/platform';
import { authenticatedPeer, GrpcTrust, GrpcTrustErrors, requirePeer } from './grpc-trust';
import { normaliseSignedRequest } from './signed-request.mapper';

export type ProtoCaller = { $case: 'signedRequest'; value: opensts.SignedRequest } | { $case: 'principal'; value: opensts.Principal } | undefined;

export interface ResolvedCaller {
  principal: CallerPrincipal;
  /** Business parameters read from the signed request; undefined for a handed-over principal. */
  params?: Record<string, string>;
  context: ActionContext;
}

/**
 * How a TokenService caller proves who it is: its own Alibaba-signed request, verified exactly as
 * the HTTP API would (and whose parameters are then the ones acted on), or, only on a mutual-TLS
 * channel from the gateway, a principal the gateway already verified.
 */
export async function resolveGrpcCaller(
  deps: { cfg: AppConfig; authenticator: RequestAuthenticator },
  call: AuthenticatedCall,
  caller: ProtoCaller,
  context: opensts.RequestContext | undefined,
  action: string,
): Promise<ResolvedCaller> {
  const requestId = context?.requestId ?? '';
  if (caller?.$case === 'principal') {
    requirePeer(deps.cfg, call, GrpcTrust.principalHandover, GrpcTrustErrors.principalRefused);
    return { principal: principalFromProto(caller.value), context: { requestId, sourceIp: context?.sourceIp ?? '', secureTransport: context?.secureTransport ?? false } };
  }
  if (caller?.$case !== 'signedRequest') throw Errors.missingCommonParameter('AccessKeyId');
  const signed = caller.value;
  const normalised = normaliseSignedRequest(signed);
  if (!normalised.ok) throw normalised.error;
  const auth = await deps.authenticator.authenticate(normalised.request);
  if (!auth.ok) throw auth.error;
  if (auth.principal === undefined) throw Errors.missingCommonParameter('AccessKeyId');
  // the signature covers Action and Version: a request signed for another action is not this one
  if (auth.request.action !== action || auth.request.version !== PRODUCT_VERSIONS.Sts) throw Errors.invalidActionOrVersion();
  return { principal: auth.principal, params: Object.fromEntries(auth.request.params), context: { requestId, ...whereFrom(deps.cfg, call, signed) } };
}

/**
 * `acs:SourceIp` and `acs:SecureTransport` of a signed call. The signature does not cover the
 * request's `source_ip` / `secure_transport` fields, so they are taken only from a peer trusted
 * to relay its client's (the gateway, over mutual TLS); from anyone else they would let the caller
 * pick the address an IP condition tests. Otherwise the transport says: the peer's address, and
 * whether this channel is TLS.
 */
function whereFrom(cfg: AppConfig, call: AuthenticatedCall, signed: opensts.SignedRequest): { sourceIp: string; secureTransport: boolean } {
  const peer = authenticatedPeer(cfg, call);
  if (peer !== undefined && GrpcTrust.principalHandover.includes(peer)) return { sourceIp: signed.sourceIp, secureTransport: signed.secureTransport };
  return { sourceIp: peerAddress(call), secureTransport: grpcTlsMode(cfg) !== 'off' };
}
