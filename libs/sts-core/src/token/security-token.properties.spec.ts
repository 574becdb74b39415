import fc from 'fast-check';
import { SecurityTokenCodec } from './security-token.codec';
import { CALLER_TYPES, ISSUANCE_MECHANISMS, SessionClaims } from './session-claims';
import { claimsFixture, NOW, ONE_KB_POLICY, ringOf } from './token.fixtures';

const MALFORMED = 'InvalidSecurityToken.Malformed';

describe(`${SecurityTokenCodec.name} (properties)`, () => {
  const sut = new SecurityTokenCodec(ringOf('k1', 'k0'));
  const issued = sut.issue(claimsFixture({ policy: ONE_KB_POLICY, sourceIdentity: 'alice' }));
  const token = issued.securityToken;
  const errorCodeOf = (candidate: string) => {
    const result = sut.verify(candidate, issued.accessKeyId, NOW);
    return result.ok ? 'accepted' : result.error.code;
  };
  const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

  it('accepts the untouched token (control)', () => {
    expect(errorCodeOf(token)).toBe('accepted');
  });

  it('refuses any single-character change of the token as malformed', () => {
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), printableAscii, (index, ch) => {
        fc.pre(token[index] !== ch);
        expect(errorCodeOf(token.slice(0, index) + ch + token.slice(index + 1))).toBe(MALFORMED);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any single-byte change of the decoded token as malformed', () => {
    const bytes = Buffer.from(token, 'base64url');
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, flip) => {
        const mutated = Buffer.from(bytes);
        mutated[index] ^= flip;
        expect(errorCodeOf(mutated.toString('base64url'))).toBe(MALFORMED);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every truncation as malformed', () => {
    for (let length = 0; length < token.length; length++) {
      expect(errorCodeOf(token.slice(0, length))).toBe(MALFORMED);
    }
  });

  it('refuses any extension as malformed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (suffix) => {
        expect(errorCodeOf(token + suffix)).toBe(MALFORMED);
      }),
      { numRuns: 500 },
    );
  });

  const sessionName = fc.stringMatching(/^[A-Za-z0-9.@_-]{2,64}$/);
  const session: fc.Arbitrary<SessionClaims> = fc
    .record({
      accessKeyId: fc.stringMatching(/^STS\.[0-9A-Za-z]{24}$/),
      mechanism: fc.constantFrom(...ISSUANCE_MECHANISMS),
      accountId: fc.stringMatching(/^[1-9][0-9]{15}$/),
      roleId: fc.stringMatching(/^[1-9][0-9]{16,18}$/),
      roleName: fc.stringMatching(/^[A-Za-z0-9.-]{1,64}$/),
      roleSessionName: sessionName,
      caller: fc.record({ type: fc.constantFrom(...CALLER_TYPES), arn: fc.string({ maxLength: 200 }) }),
      sourceIdentity: fc.option(sessionName, { nil: undefined }),
      policy: fc.option(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ unit: 'grapheme', maxLength: 600 })), { nil: undefined }),
      issuedAtSeconds: fc.integer({ min: 0, max: 2 ** 32 - 43_201 }),
      durationSeconds: fc.integer({ min: 1, max: 43_200 }),
    })
    .map(({ issuedAtSeconds, durationSeconds, sourceIdentity, policy, ...rest }) => ({
      ...rest,
      ...(sourceIdentity !== undefined && { sourceIdentity }),
      ...(policy !== undefined && { policy }),
      issuedAt: new Date(issuedAtSeconds * 1000),
      expiresAt: new Date((issuedAtSeconds + durationSeconds) * 1000),
    }));

  it('round-trips any session', () => {
    fc.assert(
      fc.property(session, (claims) => {
        const out = sut.issue(claims);
        const verified = sut.verify(out.securityToken, claims.accessKeyId, claims.issuedAt);
        expect(verified).toEqual({ ok: true, value: { session: claims, accessKeySecret: out.accessKeySecret, keyId: 'k1' } });
      }),
      { numRuns: 300 },
    );
  });

  it('derives a different secret for every token, even for the same session', () => {
    const claims = claimsFixture();
    fc.assert(
      fc.property(fc.array(session, { minLength: 2, maxLength: 20 }), (sessions) => {
        const secrets = [...sessions, claims, claims].map((s) => sut.issue(s).accessKeySecret);
        expect(new Set(secrets).size).toBe(secrets.length);
      }),
      { numRuns: 50 },
    );
  });
});
