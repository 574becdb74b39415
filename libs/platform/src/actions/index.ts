export * from './action-grpc.service';
export * from './action-invoker';
export * from './action-routes';
export * from './action.registry';
export * from './action.types';
export * from './principal.mapper';
