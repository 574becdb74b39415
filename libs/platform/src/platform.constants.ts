/** Injection tokens of the platform library. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
