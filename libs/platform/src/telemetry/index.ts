export * from './otel';
export * from './trace-context';
