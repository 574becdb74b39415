// Public API of sts-core: pure TypeScript, no Nest, usable by every app and by any Node service.
export * from './arn';
export * from './crypto';
export * from './errors';
export * from './events';
export * from './ids';
export * from './policy';
export * from './principal';
export * from './signing';
export * from './token';
