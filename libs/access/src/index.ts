// @opensts/access — authentication and authorisation for gateway and token-issuance.
import { AccessViewEntity } from './directory/access-view.entity';
import { AccessTables1764300002000, AccessViewAggregateId1764300002001, DropServiceRequestNonces1764300002002 } from './access-tables.migration';

export * from './access.module';
export * from './authentication/database-nonce-store';
export * from './authentication/nonce-store.module';
export * from './authentication/nonce-tables.migration';
export * from './authentication/request-authenticator';
export * from './authorization/permission-evaluator';
export * from './directory/access-index';
export * from './directory/access-view.store';
export * from './directory/directory-view';
export * from './directory/event-projection';
export * from './directory/view-change';
export * from './revocation/revocation-view';
export { AccessViewEntity, AccessTables1764300002000, AccessViewAggregateId1764300002001, DropServiceRequestNonces1764300002002 };

/** Add to the host's ServicePersistenceModule.forService({ entities, migrations }). */
export const ACCESS_ENTITIES = [AccessViewEntity];
export const ACCESS_MIGRATIONS = [AccessTables1764300002000, AccessViewAggregateId1764300002001, DropServiceRequestNonces1764300002002];
