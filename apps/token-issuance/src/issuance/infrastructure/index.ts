import { ActiveSessionEntity, RoleRevocationEntity, SessionRevocationEntity } from './session-projection.entities';
import { StoredEventEntity } from './stored-event.entity';
import { IssuanceTables1764300003000 } from './issuance-tables.migration';
import { EventLogCheckpoints1764500003000 } from './event-log-checkpoints.migration';

export * from './event-store';
export * from './event-log.source';
export * from './session.projection';
export * from './session.read-model';

export const ISSUANCE_ENTITIES = [StoredEventEntity, ActiveSessionEntity, SessionRevocationEntity, RoleRevocationEntity];
export const ISSUANCE_MIGRATIONS = [IssuanceTables1764300003000, EventLogCheckpoints1764500003000];
