export * from './grpc-credentials';
export * from './grpc-errors';
export * from './grpc-server.host';
export * from './peer-identity';
