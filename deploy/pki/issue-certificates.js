#!/usr/bin/env node
// The `pki` init service of docker-compose.yml: a private CA and one certificate per OpenSTS
// service, issued with the project's own PKI code (libs/platform tls, as the ServiceFleet's dev PKI
// does), so compose and the tests trust the same certificates. Layout under <root>:
//   ca/ca.pem, ca/ca-key.pem                    the CA; only the pki service mounts it
//   services/<service>/{ca,cert,key}.pem        one volume per service, so none holds another's key
// The CN is the service name (peerCommonName decides which peer may call which action); the SANs
// are the compose host name (= the name gRPC clients verify), localhost and 127.0.0.1.
// Idempotent: a restart reuses the CA and re-issues only missing, expiring or foreign certificates.
const { createPrivateKey, X509Certificate } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const RENEW_BEFORE_MS = 30 * 86_400_000;

/**
 * @param root directory the layout above is written to
 * @param pki `{ services, createCertificateAuthority, issueCertificate }` (libs/platform)
 * @returns the files of each service
 */
async function issueDeploymentPki(root, { services, createCertificateAuthority, issueCertificate }) {
  const caDir = resolve(root, 'ca');
  mkdirSync(caDir, { recursive: true, mode: 0o700 });
  const caFile = join(caDir, 'ca.pem');
  const caKeyFile = join(caDir, 'ca-key.pem');
  if (!existsSync(caFile) || !existsSync(caKeyFile)) {
    const created = await createCertificateAuthority('OpenSTS Compose CA');
    writeFileSync(caKeyFile, created.keyPem, { mode: 0o600 });
    writeFileSync(caFile, created.certPem, { mode: 0o644 });
  }
  const ca = { certPem: readFileSync(caFile, 'utf8'), keyPem: readFileSync(caKeyFile, 'utf8') };
  const issued = {};
  for (const service of services) {
    const dir = resolve(root, 'services', service);
    const files = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
    if (!current(files, ca.certPem)) {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      const pair = await issueCertificate(ca, { commonName: service, dnsNames: [service, 'localhost'], ipAddresses: ['127.0.0.1'], serverAuth: true, clientAuth: true });
      writeFileSync(files.keyFile, pair.keyPem, { mode: 0o600 });
      writeFileSync(files.certFile, pair.certPem, { mode: 0o644 });
      writeFileSync(files.caFile, ca.certPem, { mode: 0o644 });
    }
    issued[service] = files;
  }
  return issued;
}

/** Present, issued by this CA, matching its key and not about to expire. */
function current(files, caPem) {
  if (![files.caFile, files.certFile, files.keyFile].every((f) => existsSync(f))) return false;
  if (readFileSync(files.caFile, 'utf8') !== caPem) return false;
  const cert = new X509Certificate(readFileSync(files.certFile));
  return (
    cert.verify(new X509Certificate(caPem).publicKey) &&
    cert.checkPrivateKey(createPrivateKey(readFileSync(files.keyFile))) &&
    Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS
  );
}

module.exports = { issueDeploymentPki };

if (require.main === module) {
  // In the image: the built tree next to this file's /app/deploy/pki.
  const { createCertificateAuthority, issueCertificate } = require('../../dist/libs/platform/src/tls');
  const { SERVICES } = require('../../dist/libs/platform/src/launcher/service-ports');
  const root = process.argv[2];
  if (!root) {
    console.error('usage: issue-certificates.js <output directory>');
    process.exit(2);
  }
  issueDeploymentPki(root, { services: SERVICES, createCertificateAuthority, issueCertificate }).then(
    (issued) => console.log(`OpenSTS PKI ready in ${resolve(root)} for ${Object.keys(issued).join(', ')}`),
    (err) => {
      console.error(`pki: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}
