export * from './session-claims';
export * from './security-token.codec';
export { TEMPORARY_SECRET_LENGTH } from './temporary-secret';
