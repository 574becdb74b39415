export * from './grpc-credentials';
export * from './grpc-errors';
export * from './grpc-frame';
export * from './grpc-server.host';
export * from './peer-identity';
export * from './unary-http2.client';
