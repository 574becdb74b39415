import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority, issueCertificate } from './certificate-authority';

describe('certificate authority', () => {
  it('issues a server certificate for 127.0.0.1 and localhost that verifies against the CA', async () => {
    const ca = await createCertificateAuthority('Test CA');
    const leaf = await issueCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });

    const caCert = new X509Certificate(ca.certPem);
    const cert = new X509Certificate(leaf.certPem);
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('example.com')).toBeUndefined();
  });

  it('does not chain a certificate from another CA', async () => {
    const [ca, other] = await Promise.all([createCertificateAuthority('A'), createCertificateAuthority('B')]);
    const leaf = await issueCertificate(other, { commonName: 'svc', clientAuth: true });
    expect(new X509Certificate(leaf.certPem).verify(new X509Certificate(ca.certPem).publicKey)).toBe(false);
  });
});
