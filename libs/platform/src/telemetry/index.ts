export * from './otel';
export * from './trace-context';
export * from './metrics';
