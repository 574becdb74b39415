export * from './app-config.schema';
export * from './load-config';
