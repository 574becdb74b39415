export * from './dev-pki';
export * from './service-fleet';
export * from './service-ports';
export * from './service-process';
