export * from './certificate-authority';
export * from './embedded-tls';
