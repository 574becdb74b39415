/** Injection tokens of libs/access. */
export const ACCESS_SERVICE = Symbol('ACCESS_SERVICE');
/** The Database of the deployment's replay cache (NonceStoreModule), not the host service's. */
export const NONCE_DATABASE = Symbol('NONCE_DATABASE');
