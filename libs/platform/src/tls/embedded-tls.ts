import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCertificateAuthority, issueCertificate } from './certificate-authority';

export interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/**
 * First start of the embedded mode: a private CA and a 127.0.0.1/localhost server certificate
 * under <dataDir>/tls. Clients trust the CA with NODE_EXTRA_CA_CERTS=<dataDir>/tls/ca.pem.
 * Later starts reuse the files, so clients keep trusting the same CA.
 */
export async function ensureEmbeddedTls(dataDir: string): Promise<TlsFiles> {
  const dir = resolve(dataDir, 'tls');
  const files = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
  if (existsSync(files.caFile) && existsSync(files.certFile) && existsSync(files.keyFile)) return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKeyFile = join(dir, 'ca-key.pem');
  const ca = existsSync(files.caFile) && existsSync(caKeyFile)
    ? { certPem: readFileSync(files.caFile, 'utf8'), keyPem: readFileSync(caKeyFile, 'utf8') }
    : await createCertificateAuthority('OpenSTS Embedded CA');
  const server = await issueCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1', '::1'], serverAuth: true, clientAuth: true });
  writeFileSync(files.caFile, ca.certPem, { mode: 0o644 });
  writeFileSync(caKeyFile, ca.keyPem, { mode: 0o600 });
  writeFileSync(files.certFile, server.certPem, { mode: 0o644 });
  writeFileSync(files.keyFile, server.keyPem, { mode: 0o600 });
  chmodSync(caKeyFile, 0o600);
  return files;
}
