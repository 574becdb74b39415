export * from './data-source.factory';
export * from './database';
export * from './write-conflicts';
