export * from './key-rings';
