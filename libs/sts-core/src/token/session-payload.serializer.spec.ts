import { MalformedPayloadError } from './payload-bytes';
import { parseSession, serializeSession } from './session-payload.serializer';
import { claimsFixture, ONE_KB_POLICY } from './token.fixtures';

describe(parseSession.name, () => {
  const sut = parseSession;
  const payload = serializeSession(claimsFixture({ sourceIdentity: 'alice' }));

  it('reads back what serializeSession wrote, policy included', () => {
    const claims = claimsFixture({ sourceIdentity: 'alice', policy: ONE_KB_POLICY });
    expect(sut(serializeSession(claims))).toEqual(claims);
  });

  it('inflates a deflated policy only when it is first read, then keeps it', () => {
    const session = sut(serializeSession(claimsFixture({ policy: ONE_KB_POLICY })));
    expect(Object.getOwnPropertyDescriptor(session, 'policy')?.get).toBeDefined();
    expect(session.policy).toBe(ONE_KB_POLICY);
    expect(Object.getOwnPropertyDescriptor(session, 'policy')).toMatchObject({ value: ONE_KB_POLICY, enumerable: true });
  });

  const edit = (f: (bytes: Buffer) => Buffer) => f(Buffer.from(payload));

  it.each([
    ['an unknown flag', edit((b) => ((b[0] |= 0x80), b))],
    ['a deflated flag without a policy', edit((b) => ((b[0] |= 0x04), b))],
    ['mechanism 0', edit((b) => ((b[1] = 0), b))],
    ['an unknown caller type', edit((b) => ((b[2] = 99), b))],
    ['trailing bytes', Buffer.concat([payload, Buffer.of(0)])],
    ['a truncated payload', payload.subarray(0, payload.length - 1)],
    ['an empty payload', Buffer.alloc(0)],
    ['a non-minimal length', edit((b) => Buffer.concat([b.subarray(0, 11), Buffer.of(b[11] | 0x80, 0), b.subarray(12)]))],
  ])('refuses %s', (_, bytes) => {
    expect(() => sut(bytes)).toThrow(MalformedPayloadError);
  });
});
