import { Provider } from '@nestjs/common';
import type { ServiceName } from '../config';
import { EventBus } from '@opensts/sts-core/events';

/** Something /readyz must find working: a database, the Kafka broker. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Each service database exports its check under its own token (embedded mode hosts several). */
export const databaseReadinessToken = (service: ServiceName): symbol => Symbol.for(`opensts.readiness.${service}`);

/** READINESS_CHECKS for a process hosting `services`: their databases and the event bus. */
export function readinessChecksProvider(services: ServiceName[]): Provider {
  return {
    provide: READINESS_CHECKS,
    inject: [EventBus, ...services.map(databaseReadinessToken)],
    useFactory: (bus: EventBus, ...dbChecks: ReadinessCheck[]): ReadinessCheck[] => [...dbChecks, { name: 'event-bus', check: () => bus.isReady() }],
  };
}
