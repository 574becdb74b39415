// AssumeRoleWithSAML / AssumeRoleWithOIDC: the checks on what a federated caller brings (ADR 0012).
export * from './oidc';
export * from './saml';
