/** Injection tokens of the gateway. */
export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
