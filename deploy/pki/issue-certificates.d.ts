import type { IssueOptions, PemPair } from '../../libs/platform/src/tls';

/** Types of issue-certificates.js for the tests that run it (test/infra/deploy-consistency.int-spec.ts). */
export interface ServiceTlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export function issueDeploymentPki<S extends string>(
  root: string,
  pki: {
    services: readonly S[];
    createCertificateAuthority: (commonName?: string) => Promise<PemPair>;
    issueCertificate: (ca: PemPair, opts: IssueOptions) => Promise<PemPair>;
  },
): Promise<Record<S, ServiceTlsFiles>>;
