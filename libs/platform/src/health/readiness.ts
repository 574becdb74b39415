import { Provider } from '@nestjs/common';
import type { DatabaseName } from '../config';
import { EventBus } from '@opensts/sts-core/events';

/** Something /readyz must find working: a database, the Kafka broker. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Each database exports its check under its own token (embedded mode hosts several). */
export const databaseReadinessToken = (database: DatabaseName): symbol => Symbol.for(`opensts.readiness.${database}`);

/** READINESS_CHECKS for a process using `databases` (its services' and shared ones): those and the event bus. */
export function readinessChecksProvider(databases: DatabaseName[]): Provider {
  return {
    provide: READINESS_CHECKS,
    inject: [EventBus, ...databases.map(databaseReadinessToken)],
    useFactory: (bus: EventBus, ...dbChecks: ReadinessCheck[]): ReadinessCheck[] => [...dbChecks, { name: 'event-bus', check: () => bus.isReady() }],
  };
}
