export * from './envelope.factory';
export * from './idempotent-consumer';
export * from './outbox-message.entity';
export * from './outbox-relay';
export * from './platform-tables.migration';
export * from './processed-event.entity';
export * from './transactional-outbox';
export * from './inbox-pruner';
