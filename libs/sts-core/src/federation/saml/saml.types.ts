export interface SamlProviderTrust {
  /** IdP entityID from the metadata (the directory already parsed it); '' when no metadata was given. */
  readonly entityId: string;
  /** PEM signing certificates from the metadata (0..2). */
  readonly signingCertificates: readonly string[];
}

export interface SamlVerificationOptions {
  /** Accepted SP entity IDs (Audience). */
  readonly audiences: readonly string[];
  /** Accepted ACS URLs (Recipient): scheme, host and port exact, path case-insensitive (federation.md A.2). */
  readonly recipients: readonly string[];
  readonly clockSkewSeconds: number;
}

export interface SamlRoleGrant {
  readonly roleArn: string;
  readonly providerArn: string;
}

/** What a signed, current assertion says; the first four fields are SAMLAssertionInfo (sts-api.md §4.2). */
export interface VerifiedSamlAssertion {
  readonly issuer: string;
  /** NameID text. */
  readonly subject: string;
  /** NameID Format without `urn:oasis:names:tc:SAML:2.0:nameid-format:`; other formats unchanged; '' when absent. */
  readonly subjectType: string;
  /** SubjectConfirmationData/@Recipient as sent (SAMLAssertionInfo echoes it). */
  readonly recipient: string;
  /**
   * The accepted ACS URL the Recipient matched, as configured: the value of `saml:recipient` in
   * the trust policy, so that `StringEquals …/saml-role/sso` holds whatever case the IdP wrote the
   * path in (federation.md A.2).
   */
  readonly acsUrl: string;
  readonly roles: readonly SamlRoleGrant[];
  readonly roleSessionName: string;
  /** The earliest NotOnOrAfter of SubjectConfirmationData and Conditions. */
  readonly notOnOrAfter: Date;
}
