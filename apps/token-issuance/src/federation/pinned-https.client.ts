import { X509Certificate } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request, type RequestOptions } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { ConnectionOptions, DetailedPeerCertificate, SecureContext, TLSSocket } from 'node:tls';
import { Errors, type StsError } from '@opensts/sts-core/errors';
import type { IssuerAddressPolicy } from './issuer-address.policy';

export interface PinnedGetOptions {
  /** Trusted roots (Node's plus any extra); certificate verification is never turned off. */
  readonly secureContext: SecureContext;
  /** Normalised SHA-1 fingerprints (lowercase hex, no colons) one of which a CA of the chain must have. */
  readonly pinnedFingerprints: ReadonlySet<string>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Named in IssuerConfigurationBroken; nothing the server sent ever reaches an error. */
  readonly issuerUrl: string;
  /** The addresses it may connect to: a URL naming any other is IssuerConfigurationBroken, without a connection. */
  readonly addresses: IssuerAddressPolicy;
}

/** dns.lookup, refusing a name any of whose addresses the policy does not allow (the socket connects to what it answers). */
function checkedLookup(policy: IssuerAddressPolicy): LookupFunction {
  return (hostname, options, callback) =>
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || !addresses.every((a) => policy.allows(a.address))) {
        return callback(Object.assign(new Error('the issuer resolves to an address that is not allowed'), { code: 'EADDRNOTALLOWED' }), '', 0);
      }
      if (options.all) (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
}

const MAX_CHAIN_DEPTH = 10;

/** `AB:CD:…` or `abcd…` to `abcd…`, the one form fingerprints are compared in. */
export function normaliseFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}

/**
 * GET over HTTPS whose verified chain must pass through a pinned CA (federation.md B.2 #8, #9). No agent (so no
 * proxy, no keep-alive, no TLS session reuse across trust settings), no redirects, a whole-request
 * deadline and a body limit. Resolves with the body of a 200 answer.
 */
export function pinnedGet(url: URL, options: PinnedGetOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const finish = (error: StsError | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(body as Buffer);
    };
    const broken = () => finish(Errors.oidcIssuerConfigurationBroken(options.issuerUrl));
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1'); // an address in the URL is not looked up
    if (isIP(literal) !== 0 && !options.addresses.allows(literal)) {
      reject(Errors.oidcIssuerConfigurationBroken(options.issuerUrl));
      return;
    }
    const deadline = setTimeout(broken, options.timeoutMs);

    // https passes the TLS options (secureContext included) on to tls.connect; its types omit it.
    const requestOptions: RequestOptions & ConnectionOptions = {
      method: 'GET',
      agent: false,
      secureContext: options.secureContext,
      rejectUnauthorized: true,
      lookup: checkedLookup(options.addresses),
      headers: { accept: 'application/json' },
    };
    const req = request(url, requestOptions, (res) => {
      const declared = Number(res.headers['content-length'] ?? 0);
      if (res.statusCode !== 200 || declared > options.maxBodyBytes) return broken();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBodyBytes) broken();
        else chunks.push(chunk);
      });
      res.on('end', () => finish(undefined, Buffer.concat(chunks)));
      res.on('error', broken);
    });
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const tlsSocket = socket as TLSSocket;
        if (!tlsSocket.authorized) broken();
        else if (!(caFingerprints(tlsSocket) ?? []).some((fingerprint) => options.pinnedFingerprints.has(fingerprint))) finish(Errors.oidcFingerprintMismatch());
      });
    });
    req.on('error', broken);
    req.end();
  });
}

/**
 * The fingerprints of the CA certificates of the peer chain, intermediates and root, once every
 * link up to a self-signed root is proven. Any of them may be the pinned one: federation.md asks
 * for "the last certificate `openssl s_client -showcerts` shows", which is the top intermediate
 * when the server does not send its root (the common case), and the root otherwise; AWS documents
 * the same step as "the top intermediate CA". Pinning a CA of a signature-checked chain is as
 * strict either way. The leaf is never a pin: it changes with every renewal.
 *
 * Node completes the chain the server sent with issuers from the trust store, but matches issuers
 * by name only; a server could append a look-alike link that names the pinned CA. So every link's
 * signature is checked here too, and an unproven chain pins nothing.
 */
export function caFingerprints(socket: TLSSocket): string[] | undefined {
  const fingerprints: string[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  for (let depth = 0; depth < MAX_CHAIN_DEPTH && cert?.raw; depth += 1) {
    const issuer: DetailedPeerCertificate | undefined = cert.issuerCertificate;
    if (!issuer?.raw) return undefined;
    if (issuer === cert) return fingerprints;
    if (!signedBy(cert.raw, issuer.raw)) return undefined;
    fingerprints.push(normaliseFingerprint(issuer.fingerprint));
    cert = issuer;
  }
  return undefined;
}

function signedBy(subjectDer: Buffer, issuerDer: Buffer): boolean {
  try {
    const subject = new X509Certificate(subjectDer);
    const issuer = new X509Certificate(issuerDer);
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
