export * from './audit.events';
export * from './envelope';
export * from './gateway.events';
export * from './identity.events';
export * from './issuance.events';
export * from './issuance.serde';
export * from './policy.events';
export * from './topics';
