import fc from 'fast-check';
import { CompactSign, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK, type KeyLike } from 'jose';
import { Errors } from '../../errors';
import { verifyOidcToken, type OidcKeySetSource, type OidcProviderTrust } from './oidc-token.verifier';

const ISSUER = 'https://oidc.example.com/cluster-1';
const NOW = new Date('2024-05-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const trust: OidcProviderTrust = { issuerUrl: ISSUER, clientIds: ['sts.aliyuncs.com', 'app-2'], issuanceLimitHours: 12 };
const code = (e: { code: string }) => e.code;
const INVALID = code(Errors.oidcTokenInvalid());
const EXPIRED = code(Errors.oidcTokenExpired());
const AUDIENCE = code(Errors.oidcAudienceNotMatch());
const ISSUER_NOT_MATCH = code(Errors.oidcIssuerNotMatch());
const BROKEN = code(Errors.oidcIssuerConfigurationBroken(ISSUER));

type Alg = 'RS256' | 'PS256' | 'ES256';
interface Signer {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly jwk: JWK;
}

async function signer(alg: Alg, kid: string): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** In-memory key source: answers the sets in turn (the last one repeats) and records each call. */
function keySource(...sets: JSONWebKeySet[]): OidcKeySetSource & { calls: boolean[] } {
  const calls: boolean[] = [];
  const source = async (refresh: boolean) => {
    calls.push(refresh);
    return sets[Math.min(calls.length - 1, sets.length - 1)];
  };
  return Object.assign(source, { calls });
}

const baseClaims = () => ({ iss: ISSUER, sub: 'system:serviceaccount:ns:sa', aud: 'sts.aliyuncs.com', iat: NOW_S - 60, exp: NOW_S + 3600 });

async function sign(s: Signer, alg: Alg, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const payload = Object.fromEntries(Object.entries({ ...baseClaims(), ...claims }).filter(([, v]) => v !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg, kid: s.kid, typ: 'JWT', ...header }).sign(s.privateKey);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(verifyOidcToken.name, () => {
  const sut = verifyOidcToken;
  let rs: Signer;
  let ps: Signer;
  let es: Signer;
  let keys: JSONWebKeySet;

  beforeAll(async () => {
    [rs, ps, es] = await Promise.all([signer('RS256', 'rs-1'), signer('PS256', 'ps-1'), signer('ES256', 'es-1')]);
    keys = { keys: [rs.jwk, ps.jwk, es.jwk] };
  });

  const rejects = async (token: string, expected: string, source: OidcKeySetSource = keySource(keys)) => {
    await expect(sut(token, trust, source, NOW)).rejects.toMatchObject({ name: 'StsError', code: expected });
  };

  it.each<[Alg, () => Signer]>([
    ['RS256', () => rs],
    ['PS256', () => ps],
    ['ES256', () => es],
  ])('accepts a valid %s token and reports its claims', async (alg, s) => {
    const token = await sign(s(), alg);

    await expect(sut(token, trust, keySource(keys), NOW)).resolves.toEqual({
      issuer: ISSUER,
      subject: 'system:serviceaccount:ns:sa',
      audiences: ['sts.aliyuncs.com'],
      issuedAt: new Date((NOW_S - 60) * 1000),
      expiresAt: new Date((NOW_S + 3600) * 1000),
    });
  });

  it('accepts an aud array with one registered value and reports every value', async () => {
    const token = await sign(rs, 'RS256', { aud: ['other', 'app-2', 'third'] });

    await expect(sut(token, trust, keySource(keys), NOW)).resolves.toMatchObject({ audiences: ['other', 'app-2', 'third'] });
  });

  it('picks the right key when the token has no kid and several keys fit', async () => {
    const other = await signer('RS256', 'rs-2');
    const token = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'RS256' }).sign(rs.privateKey);

    await expect(sut(token, trust, keySource({ keys: [other.jwk, rs.jwk] }), NOW)).resolves.toMatchObject({ issuer: ISSUER });
  });

  it('bounds the work of a kid-less token: at most three candidate keys, none with an oversized RSA exponent', async () => {
    const decoys = await Promise.all([1, 2, 3].map((n) => signer('RS256', `decoy-${n}`)));
    const kidless = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'RS256' }).sign(rs.privateKey);
    // the right key fourth in line is never reached; third in line it is
    await expect(sut(kidless, trust, keySource({ keys: [...decoys.map((d) => d.jwk), rs.jwk] }), NOW)).rejects.toMatchObject({ code: INVALID });
    await expect(sut(kidless, trust, keySource({ keys: [decoys[0].jwk, decoys[1].jwk, rs.jwk] }), NOW)).resolves.toMatchObject({ issuer: ISSUER });
    // a public exponent beyond 32 bits (an expensive verify) is not a usable key, even the right kid's
    const hugeExponent = { ...rs.jwk, e: Buffer.alloc(384, 0xff).toString('base64url') };
    await expect(sut(await sign(rs, 'RS256'), trust, keySource({ keys: [hugeExponent] }), NOW)).rejects.toMatchObject({ code: INVALID });
  });

  describe('shape and algorithm', () => {
    it.each([
      ['too short', 'a.b'],
      ['too long', `${'a'.repeat(10_000)}.${'b'.repeat(10_000)}.c`],
      ['two segments', 'abc.def'],
      ['four segments', 'a.b.c.d'],
      ['not base64url', 'ab+c.def.ghi'],
      ['an empty signature (alg none)', `${b64({ alg: 'none' })}.${b64(baseClaims())}.`],
      ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.${b64(baseClaims())}.c2ln`],
    ])('refuses %s', async (_name, token) => {
      await rejects(token, INVALID);
    });

    it.each(['none', 'HS256', 'HS512', 'EdDSA', 'ES256K', 'RSA-OAEP', 'rs256'])('refuses alg %s without fetching keys', async (alg) => {
      const source = keySource(keys);
      await rejects(`${b64({ alg, kid: rs.kid })}.${b64(baseClaims())}.c2ln`, INVALID, source);
      expect(source.calls).toEqual([]);
    });

    it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const secret = new TextEncoder().encode(await exportSPKI(rs.publicKey));
      const token = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'HS256', kid: rs.kid }).sign(secret);

      await rejects(token, INVALID);
    });

    it('refuses a crit header (b64: false would change what is signed)', async () => {
      const payload = new TextEncoder().encode(JSON.stringify(baseClaims()));
      const token = await new CompactSign(payload).setProtectedHeader({ alg: 'RS256', kid: rs.kid, crit: ['b64'], b64: true }).sign(rs.privateKey);

      await rejects(token, INVALID);
    });

    it('refuses a non-canonical base64url spelling of a valid signature', async () => {
      const token = await sign(rs, 'RS256');
      // 256 signature bytes leave 4 unused bits in the last character.
      const signature = token.split('.')[2];
      const spelling = [...ALPHABET].map((c) => signature.slice(0, -1) + c).find((s) => s !== signature && Buffer.from(s, 'base64url').equals(Buffer.from(signature, 'base64url')));

      expect(spelling).toBeDefined();
      await rejects(`${token.slice(0, token.lastIndexOf('.'))}.${spelling}`, INVALID);
    });
  });

  describe('issuer', () => {
    it.each([
      ['another issuer', 'https://evil.example.com/cluster-1'],
      ['a trailing slash', `${ISSUER}/`],
      ['a different case', ISSUER.toUpperCase()],
      ['no iss', undefined],
    ])('refuses %s before asking for keys', async (_name, iss) => {
      const source = keySource(keys);
      await rejects(await sign(rs, 'RS256', { iss }), ISSUER_NOT_MATCH, source);
      expect(source.calls).toEqual([]);
    });
  });

  describe('keys and signature', () => {
    it('refuses a token signed by another key under a known kid', async () => {
      const impostor = await signer('RS256', rs.kid);
      await rejects(await sign(impostor, 'RS256'), INVALID);
    });

    it('refreshes exactly once for an unknown kid and verifies with the new set', async () => {
      const rotated = await signer('RS256', 'rs-new');
      const source = keySource(keys, { keys: [rotated.jwk] });

      await expect(sut(await sign(rotated, 'RS256'), trust, source, NOW)).resolves.toMatchObject({ issuer: ISSUER });
      expect(source.calls).toEqual([false, true]);
    });

    it('refuses a kid still unknown after the one refresh', async () => {
      const stranger = await signer('RS256', 'rs-unknown');
      const source = keySource(keys);

      await rejects(await sign(stranger, 'RS256'), INVALID, source);
      expect(source.calls).toEqual([false, true]);
    });

    it('does not refresh for a bad signature', async () => {
      const source = keySource(keys);
      const token = await sign(rs, 'RS256');
      const [h, , s] = token.split('.');

      await rejects(`${h}.${b64({ ...baseClaims(), sub: 'admin' })}.${s}`, INVALID, source);
      expect(source.calls).toEqual([false]);
    });

    it('passes on the key source’s own error and turns a malformed key set into IssuerConfigurationBroken', async () => {
      const token = await sign(rs, 'RS256');
      await rejects(token, code(Errors.oidcFingerprintMismatch()), () => Promise.reject(Errors.oidcFingerprintMismatch()));
      await rejects(token, BROKEN, () => Promise.reject(new Error('socket hang up')));
      await rejects(token, BROKEN, keySource({ keys: 'nope' } as unknown as JSONWebKeySet));
    });
  });

  describe('claims', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['no exp', { exp: undefined }, INVALID],
      ['exp not a number', { exp: String(NOW_S + 3600) }, INVALID],
      ['exp after the year 9999 (no ExpirationTime can say it)', { exp: 253_402_300_800 }, INVALID],
      ['exp beyond any Date', { exp: 1e13 }, INVALID],
      ['a negative iat', { iat: -1 }, INVALID],
      ['exp past the skew', { exp: NOW_S - 61 }, EXPIRED],
      ['exp exactly at the skew', { exp: NOW_S - 60 }, EXPIRED],
      ['no aud', { aud: undefined }, AUDIENCE],
      ['an unregistered aud', { aud: 'sts.aliyuncs.com.evil' }, AUDIENCE],
      ['an empty aud array', { aud: [] }, AUDIENCE],
      ['aud not a string', { aud: 42 }, INVALID],
      ['no iat', { iat: undefined }, INVALID],
      ['iat in the future beyond the skew', { iat: NOW_S + 61 }, INVALID],
      ['iat older than IssuanceLimitTime', { iat: NOW_S - 12 * 3600 - 61, exp: NOW_S + 60 }, INVALID],
      ['no sub', { sub: undefined }, INVALID],
      ['an empty sub', { sub: '' }, INVALID],
      ['sub not a string', { sub: 7 }, INVALID],
      ['nbf in the future beyond the skew', { nbf: NOW_S + 61 }, INVALID],
      ['nbf not a number', { nbf: 'soon' }, INVALID],
      ['expired and the wrong audience (exp first)', { exp: NOW_S - 100, aud: 'x' }, EXPIRED],
      ['the wrong audience and no sub (aud first)', { aud: 'x', sub: undefined }, AUDIENCE],
    ])('refuses %s', async (_name, claims, expected) => {
      await rejects(await sign(rs, 'RS256', claims), expected);
    });

    it.each<[string, Record<string, unknown>]>([
      ['exp just inside the skew', { exp: NOW_S - 59 }],
      ['iat just inside the skew', { iat: NOW_S + 59 }],
      ['iat right at IssuanceLimitTime', { iat: NOW_S - 12 * 3600, exp: NOW_S + 60 }],
      ['nbf just inside the skew', { nbf: NOW_S + 59 }],
      ['unknown claims (jti, azp, nonce)', { jti: 'j', azp: 'a', nonce: 'n' }],
    ])('accepts %s', async (_name, claims) => {
      await expect(sut(await sign(rs, 'RS256', claims), trust, keySource(keys), NOW)).resolves.toMatchObject({ issuer: ISSUER });
    });

    it('uses the skew it is given', async () => {
      const token = await sign(rs, 'RS256', { exp: NOW_S - 10 });
      await expect(sut(token, trust, keySource(keys), NOW, 0)).rejects.toMatchObject({ code: EXPIRED });
    });
  });

  it('never echoes token contents in an error message', async () => {
    const token = await sign(rs, 'RS256', { aud: 'secret-audience-value', sub: 'secret-subject' });
    const error = await sut(token, trust, keySource(keys), NOW).catch((e: Error) => e);

    expect(error).toMatchObject({ code: AUDIENCE });
    expect((error as Error).message).not.toMatch(/secret/);
  });

  it('refuses every single-character change to the payload or signature of a valid token', async () => {
    const token = await sign(rs, 'RS256');
    const [header, payload, signature] = token.split('.');
    const change = (segment: string) =>
      fc.tuple(fc.nat({ max: segment.length - 1 }), fc.constantFrom(...ALPHABET)).filter(([i, c]) => segment[i] !== c);
    const replace = (segment: string, [i, c]: [number, string]) => segment.slice(0, i) + c + segment.slice(i + 1);

    await fc.assert(
      fc.asyncProperty(fc.boolean(), change(payload), change(signature), async (inPayload, p, s) => {
        const tampered = inPayload ? `${header}.${replace(payload, p)}.${signature}` : `${header}.${payload}.${replace(signature, s)}`;
        // Invalid, not merely some refusal: a verifier that read claims before the signature would answer Expired or AudienceNotMatch
        // for some. Only `iss` is read first (it names where the keys come from), so a change there may answer IssuerNotMatch.
        const error = await sut(tampered, trust, keySource(keys), NOW).then(() => undefined, (e: { code?: string }) => e);
        expect(error).toMatchObject({ name: 'StsError' });
        expect([INVALID, ISSUER_NOT_MATCH]).toContain(error?.code);
      }),
      { numRuns: 300 },
    );
  });
});
