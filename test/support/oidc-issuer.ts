import { webcrypto, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { createCertificateAuthority, issueCertificate, type PemPair } from '@opensts/platform/tls/certificate-authority';

/**
 * A local HTTPS OpenID issuer for tests of AssumeRoleWithOIDC: discovery and JWKS over real TLS
 * with a certificate from a fresh test CA, so the fingerprint pinning of federation.md B.2 #9 runs
 * exactly as against a real IdP.
 */
export interface TestOidcIssuer {
  /** `https://127.0.0.1:<port>` (or `localhost`), plus the path suffix when one was asked for. */
  readonly issuerUrl: string;
  readonly port: number;
  /** The test CA certificate: pass as extraTrustedCaPem, or write to a file. */
  readonly caPem: string;
  /** SHA-1 of the CA certificate, lowercase hex without colons (CreateOIDCProvider's Fingerprints). */
  readonly caFingerprint: string;
  /** SHA-1 of the intermediate CA when the issuer was started with `intermediate: true`. */
  readonly intermediateFingerprint?: string;
  readonly kids: { readonly rs256: string; readonly es256?: string };
  /** Live request counters (discovery and JWKS). */
  readonly requests: { discovery: number; jwks: number };
  sign(claims?: Record<string, unknown>, opts?: SignOptions): Promise<string>;
  /** New key pairs with new kids; the old keys leave the JWKS. */
  rotateKeys(): Promise<void>;
  /** Answer 500 to every request while broken. */
  setBroken(broken: boolean): void;
  /** Replace one endpoint's answer until reset with `undefined`; `hang` never answers; `{ delayMs }` answers normally, that much later. */
  override(endpoint: 'discovery' | 'jwks', answer: OverrideAnswer | undefined): void;
  close(): Promise<void>;
}

export interface OidcIssuerOptions {
  /** Appended to the issuer URL, e.g. `/cluster-1` (discovery moves under it, the JWKS stays at /jwks). */
  pathSuffix?: string;
  /** The host the server listens on and the issuer URL names (default 127.0.0.1). */
  host?: '127.0.0.1' | 'localhost';
  /** Also publish an ES256 key. */
  es256?: boolean;
  /** Chain root -> intermediate -> leaf; the server sends leaf + intermediate (and the root if `sendRoot`). */
  intermediate?: boolean;
  sendRoot?: boolean;
  /**
   * An attack on name-only chain building: besides its leaf the server sends a look-alike of its
   * CA (same name, key and key id, but "issued" by this certificate, with a bogus signature) and
   * this certificate itself, so a naive chain display ends at a root the server cannot chain to.
   */
  forgeChainToPem?: string;
}

export interface SignOptions {
  alg?: 'RS256' | 'ES256';
  kid?: string;
  header?: Record<string, unknown>;
}

export type OverrideAnswer = { status?: number; body: string } | { delayMs: number } | 'hang';

export const TEST_OIDC_AUDIENCE = 'sts.aliyuncs.com';
export const TEST_OIDC_SUBJECT = 'system:serviceaccount:default:test';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<TestOidcIssuer> {
  const host = options.host ?? '127.0.0.1';
  const pki = await testPki(options);
  const state = { broken: false, overrides: new Map<string, OverrideAnswer>(), keys: await signingKeys(options.es256 ?? false) };
  const requests = { discovery: 0, jwks: 0 };
  let issuerUrl = '';
  const discoveryPath = `${options.pathSuffix ?? ''}/.well-known/openid-configuration`;

  const server: Server = createServer({ key: pki.leaf.keyPem, cert: pki.chainPem }, (req, res) => {
    const endpoint = req.url === discoveryPath ? 'discovery' : req.url === '/jwks' ? 'jwks' : undefined;
    if (endpoint === undefined) return void res.writeHead(404).end();
    requests[endpoint] += 1;
    const override = state.overrides.get(endpoint);
    if (override === 'hang') return;
    if (state.broken) return void res.writeHead(500).end('{"error":"down"}');
    if (override !== undefined && 'body' in override) {
      // Chunked, without Content-Length: a size limit has to count the bytes it reads.
      res.writeHead(override.status ?? 200, { 'content-type': 'application/json' });
      return void res.end(override.body);
    }
    const body =
      endpoint === 'discovery'
        ? { issuer: issuerUrl, jwks_uri: `https://${host}:${port}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] }
        : { keys: state.keys.map((k) => k.jwk) };
    const text = JSON.stringify(body);
    const answer = () => void res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    if (override !== undefined) setTimeout(answer, override.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  issuerUrl = `https://${host}:${port}${options.pathSuffix ?? ''}`;

  const kids = () => ({ rs256: state.keys[0].kid, es256: state.keys[1]?.kid });
  return {
    issuerUrl,
    port,
    caPem: pki.root.certPem,
    caFingerprint: sha1(pki.root.certPem),
    intermediateFingerprint: pki.intermediatePem && sha1(pki.intermediatePem),
    get kids() {
      return kids();
    },
    requests,
    async sign(claims = {}, opts = {}) {
      const key = state.keys.find((k) => k.jwk.alg === (opts.alg ?? 'RS256'));
      if (!key) throw new Error(`this issuer has no ${opts.alg} key (start it with es256: true)`);
      const now = Math.floor(Date.now() / 1000);
      const defaults = { iss: issuerUrl, sub: TEST_OIDC_SUBJECT, aud: TEST_OIDC_AUDIENCE, iat: now, exp: now + 3600 };
      // An explicit `undefined` drops a default claim, for tests of missing claims.
      const payload = Object.fromEntries(Object.entries({ ...defaults, ...claims }).filter(([, v]) => v !== undefined));
      const alg = key.jwk.alg as string;
      return new SignJWT(payload).setProtectedHeader({ alg, kid: opts.kid ?? key.kid, typ: 'JWT', ...opts.header }).sign(key.privateKey);
    },
    async rotateKeys() {
      state.keys = await signingKeys(state.keys.length > 1);
    },
    setBroken(broken) {
      state.broken = broken;
    },
    override(endpoint, answer) {
      if (answer === undefined) state.overrides.delete(endpoint);
      else state.overrides.set(endpoint, answer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let generation = 0;

async function signingKeys(es256: boolean): Promise<SigningKey[]> {
  generation += 1;
  const algs = es256 ? (['RS256', 'ES256'] as const) : (['RS256'] as const);
  return Promise.all(
    algs.map(async (alg) => {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      const kid = `${alg.toLowerCase()}-${generation}-${Math.random().toString(36).slice(2, 8)}`;
      return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
    }),
  );
}

function sha1(pem: string): string {
  return new X509Certificate(pem).fingerprint.replace(/:/g, '').toLowerCase();
}

interface TestPki {
  root: PemPair;
  intermediatePem?: string;
  leaf: PemPair;
  chainPem: string;
}

async function testPki(options: OidcIssuerOptions): Promise<TestPki> {
  const leafOptions = { commonName: 'oidc-issuer.test', days: 2, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };
  if (!options.intermediate) {
    const root = await createCertificateAuthority('OpenSTS Test OIDC CA', 2);
    const leaf = await issueCertificate(root, leafOptions);
    if (options.forgeChainToPem) {
      return { root, leaf, chainPem: pemChain(leaf.certPem, await lookAlike(root.certPem, options.forgeChainToPem), options.forgeChainToPem) };
    }
    return { root, leaf, chainPem: pemChain(leaf.certPem, options.sendRoot && root.certPem) };
  }
  // createCertificateAuthority's path length of 0 allows no intermediate, hence this chain by hand.
  const root = await caCertificate('OpenSTS Test OIDC Root CA', 1);
  const intermediate = await caCertificate('OpenSTS Test OIDC Intermediate CA', 0, root);
  const leaf = await issueCertificate(intermediate, leafOptions);
  return {
    root,
    intermediatePem: intermediate.certPem,
    leaf,
    chainPem: pemChain(leaf.certPem, intermediate.certPem, options.sendRoot && root.certPem),
  };
}

function pemChain(...pems: (string | false | undefined)[]): string {
  return pems.filter((pem): pem is string => !!pem).map((pem) => `${pem.trimEnd()}\n`).join('');
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function caCertificate(commonName: string, pathLength: number, issuer?: PemPair): Promise<PemPair> {
  x509.cryptoProvider.set(webcrypto as never);
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const issuerCert = issuer && new x509.X509Certificate(issuer.certPem);
  const signingKey = issuer ? await importPkcs8(issuer.keyPem) : keys.privateKey;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    subject: `CN=${commonName}`,
    issuer: issuerCert?.subject ?? `CN=${commonName}`,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 2 * 86_400_000),
    signingAlgorithm: EC,
    publicKey: keys.publicKey as never,
    signingKey: signingKey as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, pathLength, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
      ...(issuerCert ? [await x509.AuthorityKeyIdentifierExtension.create(issuerCert)] : []),
    ],
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString('pem'), keyPem };
}

async function lookAlike(caPem: string, claimedIssuerPem: string): Promise<string> {
  x509.cryptoProvider.set(webcrypto as never);
  const ca = new x509.X509Certificate(caPem);
  const claimedIssuer = new x509.X509Certificate(claimedIssuerPem);
  const stranger = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: ca.subject,
    issuer: claimedIssuer.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: EC,
    publicKey: ca.publicKey,
    signingKey: stranger.privateKey as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(ca.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(claimedIssuer),
    ],
  });
  return cert.toString('pem');
}

async function importPkcs8(pem: string): Promise<webcrypto.CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, EC, false, ['sign']);
}
