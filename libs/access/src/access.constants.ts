/** Injection tokens of libs/access. */
export const ACCESS_SERVICE = Symbol('ACCESS_SERVICE');
