export * from './sts-error';
export * from './error-catalogue';
