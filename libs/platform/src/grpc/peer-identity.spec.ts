import { peerAddress, peerCommonName } from './peer-identity';

/** The shape grpc-js 1.14 gives a server call: call → ServerInterceptingCall(.nextCall)* → base call with the HTTP/2 stream. */
class ServerHttp2Stream {
  constructor(readonly session: object | undefined) {}
}
const certificate = (cn?: string | string[]) => ({ sslPeerCertificate: cn === undefined ? undefined : { subject: { CN: cn } } });
const callOn = (session: object, cn: string | string[] | undefined, options: { interceptors?: number; stream?: object } = {}) => {
  let node: object = { stream: options.stream ?? new ServerHttp2Stream(session) };
  for (let i = 0; i < (options.interceptors ?? 1); i++) node = { nextCall: node };
  return { call: node, getAuthContext: jest.fn(() => certificate(cn)) };
};

describe(peerCommonName.name, () => {
  it('reads the certificate once per HTTP/2 connection', () => {
    const connection = {};
    const calls = [callOn(connection, 'gateway'), callOn(connection, 'gateway'), callOn(connection, 'gateway', { interceptors: 3 })];
    expect(calls.map((c) => peerCommonName(c))).toEqual(['gateway', 'gateway', 'gateway']);
    expect(calls.map((c) => c.getAuthContext.mock.calls.length)).toEqual([1, 0, 0]);
  });

  it('remembers a channel without a certificate as such', () => {
    const connection = {};
    const [first, second] = [callOn(connection, undefined), callOn(connection, 'gateway')];
    expect([peerCommonName(first), peerCommonName(second)]).toEqual([undefined, undefined]);
    expect(second.getAuthContext).not.toHaveBeenCalled();
  });

  it('never carries a name over to another connection', () => {
    expect(peerCommonName(callOn({}, 'gateway'))).toBe('gateway');
    expect(peerCommonName(callOn({}, 'policy'))).toBe('policy');
  });

  it('reads the certificate on every call when the internals are not the expected ones', () => {
    const shared = {};
    const unknownStream = { session: shared };
    const calls = [
      { getAuthContext: jest.fn(() => certificate('policy')) },
      callOn(shared, 'gateway', { stream: unknownStream }),
      callOn(shared, 'policy', { stream: unknownStream }),
      callOn(shared, 'gateway', { interceptors: 5 }),
      { call: { nextCall: { stream: new ServerHttp2Stream(undefined) } }, getAuthContext: jest.fn(() => certificate('audit')) },
    ];
    expect(calls.map((c) => peerCommonName(c))).toEqual(['policy', 'gateway', 'policy', 'gateway', 'audit']);
    expect(calls.map((c) => c.getAuthContext.mock.calls.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('takes the first CN of a certificate with several', () => {
    expect(peerCommonName(callOn({}, ['gateway', 'policy']))).toBe('gateway');
    expect(peerCommonName({})).toBeUndefined();
  });
});

describe(peerAddress.name, () => {
  it.each([
    ['127.0.0.1:53122', '127.0.0.1'], // grpc-js 1.14: remoteAddress:remotePort
    ['::1:53122', '::1'],
    ['::ffff:10.0.0.7:4000', '::ffff:10.0.0.7'],
    ['2001:db8::7:443', '2001:db8::7'],
    ['10.0.0.9', '10.0.0.9'], // a socket without a port
    ['ipv4:192.0.2.1:5000', '192.0.2.1'], // the C-core form
    ['ipv6:[2001:db8::1]:5000', '2001:db8::1'],
    ['unknown', ''],
    ['unix:/tmp/sock', ''],
  ])('reads %s as %j', (peer, address) => {
    expect(peerAddress({ getPeer: () => peer })).toBe(address);
  });
});
