// the port itself is pure and lives with the envelope in sts-core; the adapters are here
export { assertSubscription, EventBus, TransientConsumerError } from '@opensts/sts-core/events';
export type { DeliveredMessage, OutgoingMessage, Subscription } from '@opensts/sts-core/events';
export * from './in-process-event-bus';
export * from './kafka-event-bus';
export * from './event-bus-server.kafka';
