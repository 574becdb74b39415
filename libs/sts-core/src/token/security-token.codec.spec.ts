import { MAX_SECURITY_TOKEN_LENGTH, SecurityTokenCodec } from './security-token.codec';
import { sessionIdentity } from './session-claims';
import { claimsFixture, NOW, ONE_KB_POLICY, ringOf } from './token.fixtures';

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe(SecurityTokenCodec.name, () => {
  const ring = ringOf('k1');
  const sut = new SecurityTokenCodec(ring);

  describe('round trip', () => {
    it('restores every claim and the same secret the issuer returned', () => {
      const claims = claimsFixture({ sourceIdentity: 'alice@corp', policy: ONE_KB_POLICY, mechanism: 'AssumeRoleWithOIDC' });
      const issued = sut.issue(claims);
      const verified = sut.verify(issued.securityToken, issued.accessKeyId, NOW);
      expect(verified).toEqual({ ok: true, value: { session: claims, accessKeySecret: issued.accessKeySecret, keyId: 'k1' } });
    });

    it('omits absent optional claims', () => {
      const issued = sut.issue(claimsFixture());
      const verified = sut.verify(issued.securityToken, issued.accessKeyId, NOW);
      expect(verified.ok && Object.keys(verified.value.session)).not.toContain('policy');
      expect(verified.ok && Object.keys(verified.value.session)).not.toContain('sourceIdentity');
    });

    it('truncates times to whole seconds, as Expiration is on the wire', () => {
      const issued = sut.issue(claimsFixture({ expiresAt: new Date(NOW.getTime() + 900_999) }));
      expect(issued.expiration).toEqual(new Date(NOW.getTime() + 900_000));
      const verified = sut.decode(issued.securityToken, NOW);
      expect(verified.ok && verified.value.session.expiresAt).toEqual(issued.expiration);
    });

    it('returns a 40-character base62 secret and a URL- and header-safe token', () => {
      const issued = sut.issue(claimsFixture({ policy: ONE_KB_POLICY }));
      expect(issued.accessKeySecret).toMatch(/^[0-9A-Za-z]{40}$/);
      expect(issued.securityToken).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(encodeURIComponent(issued.securityToken)).toBe(issued.securityToken);
    });

    it('lets any verifier holding the ring derive the secret, no issuer state needed', () => {
      const issued = sut.issue(claimsFixture());
      const elsewhere = new SecurityTokenCodec(ring);
      const verified = elsewhere.verify(issued.securityToken, issued.accessKeyId, NOW);
      expect(verified.ok && verified.value.accessKeySecret).toBe(issued.accessKeySecret);
    });

    it('keeps a 1 KB session policy token compact (deflated)', () => {
      expect(ONE_KB_POLICY.length).toBeGreaterThanOrEqual(1000);
      expect(sut.issue(claimsFixture({ policy: ONE_KB_POLICY })).securityToken.length).toBeLessThan(800);
    });
  });

  describe('rotation', () => {
    const rotated = new SecurityTokenCodec(ring.withActiveKey('k2', Buffer.alloc(32, 7)));

    it('still decodes tokens of the old key and issues with the new one', () => {
      const old = sut.issue(claimsFixture());
      const fresh = rotated.issue(claimsFixture());
      expect(rotated.verify(old.securityToken, old.accessKeyId, NOW)).toMatchObject({ ok: true, value: { keyId: 'k1' } });
      expect(rotated.verify(fresh.securityToken, fresh.accessKeyId, NOW)).toMatchObject({ ok: true, value: { keyId: 'k2' } });
      expect(code(sut.verify(fresh.securityToken, fresh.accessKeyId, NOW))).toBe('InvalidSecurityToken.Malformed');
    });

    it('refuses tokens of a retired key as malformed', () => {
      const old = sut.issue(claimsFixture());
      const retired = new SecurityTokenCodec(ring.withActiveKey('k2', Buffer.alloc(32, 7)).withoutKey('k1'));
      expect(code(retired.verify(old.securityToken, old.accessKeyId, NOW))).toBe('InvalidSecurityToken.Malformed');
    });

    it('refuses a token from another deployment that uses the same key id', () => {
      const other = new SecurityTokenCodec(ringOf('k1')).issue(claimsFixture());
      expect(code(sut.verify(other.securityToken, other.accessKeyId, NOW))).toBe('InvalidSecurityToken.Malformed');
    });
  });

  describe('expiry and pairing', () => {
    const issued = sut.issue(claimsFixture());
    const oneSecondBefore = new Date(NOW.getTime() + 3599_000);
    const atExpiry = new Date(NOW.getTime() + 3600_000);

    it('accepts up to the last second and refuses from Expiration on', () => {
      expect(code(sut.verify(issued.securityToken, issued.accessKeyId, oneSecondBefore))).toBe('ok');
      expect(code(sut.verify(issued.securityToken, issued.accessKeyId, atExpiry))).toBe('InvalidSecurityToken.Expired');
      expect(code(sut.decode(issued.securityToken, atExpiry))).toBe('InvalidSecurityToken.Expired');
    });

    it('refuses a token presented with another AccessKeyId', () => {
      const result = sut.verify(issued.securityToken, 'STS.SomeOtherKeyId00000000000', NOW);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'InvalidSecurityToken.MismatchWithAccessKey', httpStatus: 400, message: 'Specified SecurityToken mismatch with the AccessKey.' },
      });
    });

    it('reports the mismatch before the expiry (it needs no clock)', () => {
      expect(code(sut.verify(issued.securityToken, 'STS.other', atExpiry))).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    });
  });

  describe('malformed input', () => {
    const token = sut.issue(claimsFixture()).securityToken;
    const bytes = Buffer.from(token, 'base64url');
    const withByte = (index: number, value: number) => {
      const copy = Buffer.from(bytes);
      copy[index] = value;
      return copy.toString('base64url');
    };

    it.each([
      ['empty', ''],
      ['not base64url', 'CAIS+x/y=='],
      ['base64 padding', `${token}${'='.repeat((4 - (token.length % 4)) % 4 || 4)}`],
      ['another version', withByte(0, 2)],
      ['an unknown key id', withByte(2, 'x'.charCodeAt(0))],
      ['a key id length past the end', withByte(1, 255)],
      ['header only', bytes.subarray(0, 20).toString('base64url')],
      ['too long', 'A'.repeat(MAX_SECURITY_TOKEN_LENGTH + 4)],
      ['a non-string', 42 as unknown as string],
    ])('answers InvalidSecurityToken.Malformed for %s', (_, input) => {
      expect(sut.verify(input, 'STS.L4aBSCSJVMuKg5U1xxxxAbCd', NOW)).toMatchObject({
        ok: false,
        error: { code: 'InvalidSecurityToken.Malformed', httpStatus: 400, message: 'Specified SecurityToken is malformed.' },
      });
    });
  });

  describe('issue', () => {
    it.each([
      ['a long-term key id', claimsFixture({ accessKeyId: 'LTAI5tBcd3FghJkLmNpQrStU' })],
      ['expiry not after issue', claimsFixture({ expiresAt: NOW })],
      ['expiry past 2106', claimsFixture({ expiresAt: new Date(2 ** 32 * 1000) })],
      ['an invalid date', claimsFixture({ issuedAt: new Date(NaN) })],
      ['an unknown mechanism', claimsFixture({ mechanism: 'GetFederationToken' as never })],
    ])('refuses %s', (_, claims) => {
      expect(() => sut.issue(claims)).toThrow();
    });
  });
});

describe(sessionIdentity.name, () => {
  it('derives the ARNs and ids the STS responses carry', () => {
    expect(sessionIdentity(claimsFixture())).toEqual({
      roleArn: 'acs:ram::1234567890123456:role/adminrole',
      assumedRoleUserArn: 'acs:ram::1234567890123456:role/adminrole/alice',
      callerIdentityArn: 'acs:ram::1234567890123456:assumed-role/adminrole/alice',
      assumedRoleId: '344584339364951186:alice',
    });
  });
});
