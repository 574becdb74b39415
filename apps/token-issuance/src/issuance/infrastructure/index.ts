import { ActiveSessionEntity, RoleRevocationEntity, SessionRevocationEntity } from './session-projection.entities';
import { StoredEventEntity } from './stored-event.entity';
import { IssuanceTables1764300003000 } from './issuance-tables.migration';

export * from './event-store';
export * from './session.projection';
export * from './session.read-model';

export const ISSUANCE_ENTITIES = [StoredEventEntity, ActiveSessionEntity, SessionRevocationEntity, RoleRevocationEntity];
export const ISSUANCE_MIGRATIONS = [IssuanceTables1764300003000];
