import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceName } from '../config';
import { createCertificateAuthority, issueCertificate, PemPair } from '../tls';
import { SERVICES } from './service-ports';

export interface ServiceTlsFiles {
  caFile: string;
  services: Record<ServiceName, { certFile: string; keyFile: string }>;
}

/**
 * A development PKI for the distributed mode on one machine: a private CA and one certificate per
 * service (CN = service name, SAN localhost/127.0.0.1, server and client auth) for mutual TLS on
 * the internal gRPC channels. Production supplies its own through STS_TLS_* variables.
 */
export async function ensureDevPki(dir: string): Promise<ServiceTlsFiles> {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const caFile = join(root, 'ca.pem');
  const caKeyFile = join(root, 'ca-key.pem');
  let ca: PemPair;
  if (existsSync(caFile) && existsSync(caKeyFile)) {
    ca = { certPem: readFileSync(caFile, 'utf8'), keyPem: readFileSync(caKeyFile, 'utf8') };
  } else {
    ca = await createCertificateAuthority('OpenSTS Development CA');
    writeFileSync(caFile, ca.certPem, { mode: 0o644 });
    writeFileSync(caKeyFile, ca.keyPem, { mode: 0o600 });
  }
  const services = {} as ServiceTlsFiles['services'];
  for (const service of SERVICES) {
    const certFile = join(root, `${service}.pem`);
    const keyFile = join(root, `${service}-key.pem`);
    if (!existsSync(certFile) || !existsSync(keyFile)) {
      const pair = await issueCertificate(ca, { commonName: service, dnsNames: ['localhost', service], ipAddresses: ['127.0.0.1'], serverAuth: true, clientAuth: true });
      writeFileSync(certFile, pair.certPem, { mode: 0o644 });
      writeFileSync(keyFile, pair.keyPem, { mode: 0o600 });
    }
    services[service] = { certFile, keyFile };
  }
  return { caFile, services };
}
