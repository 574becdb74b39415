export * from './port-channel';
export * from './port-event-bus';
export * from './port-action-invoker';
