import { loadConfig } from '@opensts/platform';
import { authenticatedPeer, GrpcTrustErrors, requirePeer } from './grpc-trust';

const call = (cn?: string) => ({ getAuthContext: () => ({ sslPeerCertificate: cn ? { subject: { CN: cn } } : undefined }) });
const mtls = loadConfig({ STS_MODE: 'distributed', STS_GRPC_TLS: 'mtls' });
const tlsOnly = loadConfig({ STS_MODE: 'distributed', STS_GRPC_TLS: 'tls' });

describe('gRPC peer trust', () => {
  it('names the peer only on a mutual-TLS channel', () => {
    expect(authenticatedPeer(mtls, call('gateway'))).toBe('gateway');
    expect(authenticatedPeer(tlsOnly, call('gateway'))).toBeUndefined();
  });

  it('accepts only the listed peers, and nobody without mutual TLS', () => {
    const sut = (cfg: typeof mtls, cn?: string) => () => requirePeer(cfg, call(cn), ['gateway'], GrpcTrustErrors.principalRefused);
    expect(sut(mtls, 'gateway')()).toBe('gateway');
    expect(sut(mtls, 'policy')).toThrow(expect.objectContaining({ code: 'Forbidden.PrincipalHandover', httpStatus: 403 }));
    expect(sut(mtls, undefined)).toThrow(expect.objectContaining({ code: 'Forbidden.PrincipalHandover' }));
    expect(sut(tlsOnly, 'gateway')).toThrow(expect.objectContaining({ code: 'Forbidden.PrincipalHandover' }));
  });

  it('accepts any mutual-TLS peer when no list is given', () => {
    expect(requirePeer(mtls, call('policy'), undefined, GrpcTrustErrors.principalRefused)).toBe('policy');
  });
});
