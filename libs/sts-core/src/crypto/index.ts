export * from './constant-time';
export * from './base64url';
export * from './key-ring';
export * from './key-material.parser';
export * from './secret-box';
