export * from './logger';
export * from './nest-pino-logger';
export * from './request-context';
