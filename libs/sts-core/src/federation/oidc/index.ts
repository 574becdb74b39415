export * from './oidc-token.verifier';
