export * from './saml-response.verifier';
export { ROLE_ATTRIBUTE, ROLE_SESSION_NAME_ATTRIBUTE, sameAcsUrl } from './saml-assertion.reader';
export { MAX_SAML_ASSERTION_LENGTH } from './saml-xml.reader';
