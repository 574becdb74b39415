import type { RequestAuthenticator } from '@opensts/access';
import type { AppConfig, AuthenticatedCall } from '@opensts/platform';
import { ramUserPrincipal } from '@opensts/sts-core/principal';
import { signedRequest } from '../../test/signed-requests';
import { resolveGrpcCaller } from './grpc-caller';

const alice = ramUserPrincipal('1234567890123456', '200000000000000001', 'alice', 'LTAI5tAliceKey000000000');
/** An authenticator that accepts the request: what is under test is where the context comes from. */
const accepting = {
  authenticate: async () => ({ ok: true, principal: alice, request: { action: 'AssumeRole', version: '2015-04-01', params: new Map([['RoleArn', 'r']]) } }),
} as unknown as RequestAuthenticator;
const cfg = (tls: 'off' | 'mtls') => ({ STS_MODE: 'embedded', STS_GRPC_TLS: tls }) as AppConfig;
const call = (peer: string, certificateName?: string): AuthenticatedCall => ({
  getPeer: () => peer,
  getAuthContext: () => ({ sslPeerCertificate: certificateName ? { subject: { CN: certificateName } } : undefined }),
});
/** A signed request whose unsigned fields claim an address and a TLS channel. */
const claiming = () => ({ ...signedRequest('AssumeRole', { RoleArn: 'r' }, { accessKeyId: alice.accessKeyId, accessKeySecret: 'x' }), sourceIp: '10.1.2.3', secureTransport: true });

describe(resolveGrpcCaller.name, () => {
  it("takes acs:SourceIp and acs:SecureTransport of a signed call from the transport, not from the caller's unsigned claims", async () => {
    const plain = await resolveGrpcCaller({ cfg: cfg('off'), authenticator: accepting }, call('ipv4:127.0.0.1:53122'), { $case: 'signedRequest', value: claiming() }, undefined, 'AssumeRole');
    expect(plain.context).toMatchObject({ sourceIp: '127.0.0.1', secureTransport: false });
    const v6 = await resolveGrpcCaller({ cfg: cfg('mtls'), authenticator: accepting }, call('ipv6:[2001:db8::7]:443', 'policy'), { $case: 'signedRequest', value: claiming() }, undefined, 'AssumeRole');
    expect(v6.context).toMatchObject({ sourceIp: '2001:db8::7', secureTransport: true });
  });

  it("takes them from the request when the gateway relays its client's over mutual TLS", async () => {
    const relayed = await resolveGrpcCaller({ cfg: cfg('mtls'), authenticator: accepting }, call('ipv4:10.9.9.9:4000', 'gateway'), { $case: 'signedRequest', value: claiming() }, undefined, 'AssumeRole');
    expect(relayed.context).toMatchObject({ sourceIp: '10.1.2.3', secureTransport: true });
  });
});
