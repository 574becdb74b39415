import { loadConfig } from '@opensts/platform';
import { authenticatedPeer, connectionPeerName, GrpcTrustErrors, requirePeer } from './grpc-trust';

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

describe('connectionPeerName', () => {
  const onSession = (session: object, cn: string) => {
    const getAuthContext = jest.fn(() => ({ sslPeerCertificate: { subject: { CN: cn } } }));
    return { call: { nextCall: { stream: { session } } }, getAuthContext };
  };

  it('reads the certificate once per HTTP/2 connection', () => {
    const session = {};
    const first = onSession(session, 'gateway');
    const second = onSession(session, 'gateway');
    expect([connectionPeerName(first), connectionPeerName(second)]).toEqual(['gateway', 'gateway']);
    expect(first.getAuthContext).toHaveBeenCalledTimes(1);
    expect(second.getAuthContext).not.toHaveBeenCalled();
  });

  it('never carries a name over to another connection, and reads it every time when the internals are unknown', () => {
    expect(connectionPeerName(onSession({}, 'gateway'))).toBe('gateway');
    expect(connectionPeerName(onSession({}, 'policy'))).toBe('policy');
    const opaque = call('policy');
    expect(connectionPeerName(opaque)).toBe('policy');
  });
});
