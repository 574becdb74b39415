import { connect, type DetailedPeerCertificate } from 'node:tls';
import { Errors } from '@opensts/sts-core/errors';
import { verifyOidcToken } from '@opensts/sts-core/federation/oidc';
import { startOidcIssuer, TEST_OIDC_AUDIENCE, type TestOidcIssuer } from '../../../../test/support/oidc-issuer';
import { OidcIssuerKeys, type OidcIssuerKeysOptions } from './oidc-issuer-keys';

/** The test issuer listens on loopback, which a real deployment's issuers may not use (STS_OIDC_PRIVATE_NETWORKS). */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

const BROKEN = 'AuthenticationFail.OIDCToken.IssuerConfigurationBroken';
const MISMATCH = Errors.oidcFingerprintMismatch().code;

describe(OidcIssuerKeys.name, () => {
  let issuer: TestOidcIssuer;
  let clock: number;
  const sutFor = (options: OidcIssuerKeysOptions = {}, fingerprints = [issuer.caFingerprint], issuerUrl = issuer.issuerUrl) =>
    new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: issuer.caPem, now: () => clock, ...options }).keySetSource({ issuerUrl, fingerprints });
  const refused = async (source: (refresh: boolean) => Promise<unknown>, code: string) => {
    const error = await source(false).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toMatchObject({ name: 'StsError', code });
    return error as Error;
  };

  beforeAll(async () => {
    issuer = await startOidcIssuer({ pathSuffix: '/cluster-1', es256: true });
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    clock = 1_000_000;
    issuer.requests.discovery = 0;
    issuer.requests.jwks = 0;
    issuer.setBroken(false);
    issuer.override('discovery', undefined);
    issuer.override('jwks', undefined);
  });

  describe('discovery and TLS trust', () => {
    it('fetches the key set over TLS with the test CA trusted and its root pinned', async () => {
      const jwks = await sutFor()(false);

      expect(jwks.keys.map((k) => k.kid)).toEqual([issuer.kids.rs256, issuer.kids.es256]);
      expect(issuer.requests).toEqual({ discovery: 1, jwks: 1 });
    });

    it('compares fingerprints case-insensitively and ignores colons', async () => {
      const colons = issuer.caFingerprint.toUpperCase().match(/../g)?.join(':') as string;
      await expect(sutFor({}, [colons])(false)).resolves.toMatchObject({ keys: expect.any(Array) });
    });

    it('finds discovery under an issuer URL with one trailing slash', async () => {
      await expect(sutFor({}, undefined, `${issuer.issuerUrl}/`)(false)).resolves.toMatchObject({ keys: expect.any(Array) });
    });

    it('refuses a root that is not pinned, before the server sees a request', async () => {
      await refused(sutFor({}, ['0'.repeat(40), 'ABCDEF']), MISMATCH);
      expect(issuer.requests).toEqual({ discovery: 0, jwks: 0 });
    });

    it('does not serve one provider’s cached keys to another with different pins', async () => {
      const keys = new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: issuer.caPem });
      await keys.keySetSource({ issuerUrl: issuer.issuerUrl, fingerprints: [issuer.caFingerprint] })(false);

      await refused(keys.keySetSource({ issuerUrl: issuer.issuerUrl, fingerprints: ['0'.repeat(40)] }), MISMATCH);
    });

    it('answers IssuerConfigurationBroken when the CA is not trusted, naming only the issuer', async () => {
      const error = await refused(sutFor({ extraTrustedCaPem: undefined }), BROKEN);
      expect(error.message).toBe(`Get public keys from OIDC Provider failed, the issuer is ${issuer.issuerUrl}.`);
    });
  });

  describe('the networks it may reach', () => {
    it('refuses an issuer on an address that is not public unless the operator lists its network, before connecting', async () => {
      await refused(sutFor({ privateNetworks: [] }), BROKEN);
      await refused(sutFor({ privateNetworks: ['10.0.0.0/8'] }), BROKEN);
      expect(issuer.requests).toEqual({ discovery: 0, jwks: 0 });
      await expect(sutFor({ privateNetworks: ['127.0.0.1/32'] })(false)).resolves.toMatchObject({ keys: expect.any(Array) });
    });

    it('checks a name on the addresses it resolves to: localhost is loopback', async () => {
      const named = await startOidcIssuer({ host: 'localhost' });
      try {
        const source = (privateNetworks: string[]) =>
          new OidcIssuerKeys({ privateNetworks, extraTrustedCaPem: named.caPem }).keySetSource({ issuerUrl: named.issuerUrl, fingerprints: [named.caFingerprint] });
        expect(named.issuerUrl).toMatch(/^https:\/\/localhost:/);
        await refused(source([]), BROKEN);
        expect(named.requests).toEqual({ discovery: 0, jwks: 0 });
        await expect(source(LOOPBACK)(false)).resolves.toMatchObject({ keys: expect.any(Array) });
      } finally {
        await named.close();
      }
    });
  });

  describe('a broken issuer', () => {
    it.each<[string, () => void]>([
      ['a 500', () => issuer.setBroken(true)],
      ['a redirect', () => issuer.override('discovery', { status: 302, body: '' })],
      ['discovery that is not JSON', () => issuer.override('discovery', { body: '{"jwks_uri": ' })],
      ['discovery without jwks_uri', () => issuer.override('discovery', { body: '{"issuer":"x"}' })],
      ['an http jwks_uri', () => issuer.override('discovery', { body: JSON.stringify({ jwks_uri: `http://127.0.0.1:${issuer.port}/jwks` }) })],
      ['a JWKS without keys', () => issuer.override('jwks', { body: '{"keys":"none"}' })],
      ['a JWKS key without kty', () => issuer.override('jwks', { body: '{"keys":[{"kid":"a"}]}' })],
      ['a JWKS larger than the limit', () => issuer.override('jwks', { body: `{"keys":[],"pad":"${'x'.repeat(300 * 1024)}"}` })],
    ])('answers IssuerConfigurationBroken for %s', async (_name, breakIt) => {
      breakIt();
      await refused(sutFor(), BROKEN);
    });

    it('refuses an answer with a Content-Length over the limit', async () => {
      await refused(sutFor({ maxBodyBytes: 64 }), BROKEN);
    });

    it('gives up on a server that never answers', async () => {
      issuer.override('discovery', 'hang');
      const started = Date.now();

      await refused(sutFor({ timeoutMs: 200 }), BROKEN);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('gives discovery and the key set one deadline together, not one each', async () => {
      // each answers within the deadline alone; together they do not
      issuer.override('discovery', { delayMs: 300 });
      issuer.override('jwks', { delayMs: 300 });
      await refused(sutFor({ timeoutMs: 500 }), BROKEN);
      // and with time for both, the same slow issuer is served
      await expect(sutFor({ timeoutMs: 3_000 })(false)).resolves.toMatchObject({ keys: expect.any(Array) });
    });

    it('answers a failure again for 5 s without asking the issuer, then asks again', async () => {
      issuer.setBroken(true);
      const sut = sutFor();
      await refused(sut, BROKEN);
      issuer.setBroken(false);
      const asked = issuer.requests.discovery;

      await refused(sut, BROKEN);
      expect(issuer.requests.discovery).toBe(asked);
      clock += 5_000;
      await expect(sut(false)).resolves.toMatchObject({ keys: expect.any(Array) });
    });
  });

  describe('caching', () => {
    it('serves the cached set until the TTL runs out', async () => {
      const sut = sutFor({ cacheTtlMs: 60_000 });
      await sut(false);
      clock += 59_999;
      await sut(false);
      expect(issuer.requests.jwks).toBe(1);

      clock += 1;
      await sut(false);
      expect(issuer.requests).toEqual({ discovery: 2, jwks: 2 });
    });

    it('coalesces concurrent fetches into one', async () => {
      const sut = sutFor();
      const sets = await Promise.all(Array.from({ length: 20 }, (_, i) => sut(i % 2 === 0)));

      expect(new Set(sets).size).toBe(1);
      expect(issuer.requests).toEqual({ discovery: 1, jwks: 1 });
    });

    it('refetches on refresh only when the copy is older than the minimum interval', async () => {
      const sut = sutFor({ minRefreshIntervalMs: 30_000 });
      await sut(false);
      for (let i = 0; i < 10; i += 1) await sut(true);
      clock += 29_999;
      await sut(true);
      expect(issuer.requests.jwks).toBe(1);

      clock += 1;
      await sut(true);
      expect(issuer.requests.jwks).toBe(2);
    });

    it('counts the refresh interval from a failed attempt too', async () => {
      const sut = sutFor({ minRefreshIntervalMs: 30_000 });
      await sut(false);
      clock += 30_000;
      issuer.setBroken(true);
      await expect(sut(true)).rejects.toMatchObject({ code: BROKEN });

      await expect(sut(true)).resolves.toMatchObject({ keys: expect.any(Array) });
      expect(issuer.requests.jwks).toBe(1);
    });
  });
});

describe('root pinning when the server does not send its root', () => {
  let issuer: TestOidcIssuer;
  beforeAll(async () => {
    issuer = await startOidcIssuer({ intermediate: true });
  });
  afterAll(() => issuer.close());

  it('Node completes the chain leaf -> intermediate with the root from the trust store', async () => {
    const chain = await new Promise<DetailedPeerCertificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: issuer.port, ca: [issuer.caPem], rejectUnauthorized: true }, () => {
        resolve(socket.getPeerCertificate(true));
        socket.end();
      });
      socket.on('error', reject);
    });
    const intermediate = chain.issuerCertificate;
    const root = intermediate.issuerCertificate;

    expect(intermediate.fingerprint.replace(/:/g, '').toLowerCase()).toBe(issuer.intermediateFingerprint);
    expect(root.issuerCertificate).toBe(root);
    expect(root.fingerprint.replace(/:/g, '').toLowerCase()).toBe(issuer.caFingerprint);
  });

  it('accepts the pinned root, with or without the server sending it', async () => {
    const withRoot = await startOidcIssuer({ intermediate: true, sendRoot: true });
    try {
      for (const i of [issuer, withRoot]) {
        const sut = new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: i.caPem }).keySetSource({ issuerUrl: i.issuerUrl, fingerprints: [i.caFingerprint] });
        await expect(sut(false)).resolves.toMatchObject({ keys: expect.any(Array) });
      }
    } finally {
      await withRoot.close();
    }
  });

  it('refuses a chain that only names the pinned root: every link’s signature is checked', async () => {
    const attacker = await startOidcIssuer({ forgeChainToPem: issuer.caPem });
    try {
      const sut = new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: attacker.caPem }).keySetSource({
        issuerUrl: attacker.issuerUrl,
        fingerprints: [issuer.caFingerprint],
      });
      await expect(sut(false)).rejects.toMatchObject({ code: MISMATCH });
    } finally {
      await attacker.close();
    }
  });

  it('accepts a pinned intermediate (what `openssl s_client -showcerts` shows last when the root is not sent), never the leaf', async () => {
    const keys = new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: issuer.caPem });
    await expect(keys.keySetSource({ issuerUrl: issuer.issuerUrl, fingerprints: [issuer.intermediateFingerprint as string] })(false)).resolves.toMatchObject({ keys: expect.any(Array) });
    const leaf = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: issuer.port, ca: issuer.caPem, servername: 'localhost' }, () => {
        resolve(socket.getPeerCertificate().fingerprint);
        socket.end();
      });
      socket.on('error', reject);
    });
    await expect(new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: issuer.caPem }).keySetSource({ issuerUrl: issuer.issuerUrl, fingerprints: [leaf] })(false)).rejects.toMatchObject({ code: MISMATCH });
  });
});

describe(`${verifyOidcToken.name} with ${OidcIssuerKeys.name}`, () => {
  let issuer: TestOidcIssuer;
  beforeAll(async () => {
    issuer = await startOidcIssuer({ pathSuffix: '/rrsa', host: 'localhost' });
  });
  afterAll(() => issuer.close());

  it('verifies over real TLS, and after a key rotation refreshes once for the new kid', async () => {
    let clock = Date.now();
    const source = new OidcIssuerKeys({ privateNetworks: LOOPBACK, extraTrustedCaPem: issuer.caPem, now: () => clock }).keySetSource({
      issuerUrl: issuer.issuerUrl,
      fingerprints: [issuer.caFingerprint],
    });
    const trust = { issuerUrl: issuer.issuerUrl, clientIds: [TEST_OIDC_AUDIENCE], issuanceLimitHours: 12 };

    await expect(verifyOidcToken(await issuer.sign({ sub: 'alice' }), trust, source, new Date())).resolves.toMatchObject({ subject: 'alice' });
    await issuer.rotateKeys();
    const rotated = await issuer.sign({ sub: 'bob' });

    // Within the minimum refresh interval the new kid is not fetched yet.
    await expect(verifyOidcToken(rotated, trust, source, new Date())).rejects.toMatchObject({ code: 'AuthenticationFail.OIDCToken.Invalid' });
    expect(issuer.requests.jwks).toBe(1);

    clock += 30_000;
    await expect(verifyOidcToken(rotated, trust, source, new Date())).resolves.toMatchObject({ subject: 'bob' });
    expect(issuer.requests).toEqual({ discovery: 2, jwks: 2 });
  });
});
