import { readFileSync } from 'node:fs';
import type { AppConfig } from '@opensts/platform';
import { DEFAULT_SAML_VERIFICATION_OPTIONS as SAML_DEFAULTS, type SamlVerificationOptions } from '@opensts/sts-core/federation';
import { OidcIssuerKeys } from '../federation/oidc-issuer-keys';

const list = (value: string | undefined, fallback: readonly string[]): readonly string[] => {
  const items = value?.split(',').map((item) => item.trim()).filter((item) => item !== '') ?? [];
  return items.length > 0 ? items : fallback;
};

/**
 * What AssumeRoleWithSAML/OIDC trust besides the directory's provider records: the SP values an
 * assertion must name, and the key source for OIDC issuers (one per process: its cache is what
 * keeps a burst of token exchanges from becoming a burst of JWKS downloads).
 */
export class FederationSettings {
  constructor(
    readonly saml: SamlVerificationOptions,
    readonly oidcKeys: OidcIssuerKeys,
  ) {}

  static fromConfig(cfg: Pick<AppConfig, 'STS_SAML_AUDIENCES' | 'STS_SAML_RECIPIENTS' | 'STS_OIDC_CA_FILE' | 'STS_OIDC_PRIVATE_NETWORKS'>): FederationSettings {
    return new FederationSettings(
      // the verifiers' clock skews stay theirs (SAML 300 s, OIDC 60 s: ADR 0012)
      { ...SAML_DEFAULTS, audiences: list(cfg.STS_SAML_AUDIENCES, SAML_DEFAULTS.audiences), recipients: list(cfg.STS_SAML_RECIPIENTS, SAML_DEFAULTS.recipients) },
      new OidcIssuerKeys({
        extraTrustedCaPem: cfg.STS_OIDC_CA_FILE ? readFileSync(cfg.STS_OIDC_CA_FILE, 'utf8') : undefined,
        privateNetworks: list(cfg.STS_OIDC_PRIVATE_NETWORKS, []),
      }),
    );
  }
}
