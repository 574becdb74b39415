import { DynamicModule, Module } from '@nestjs/common';
import { IdGenerator } from '@opensts/sts-core/ids';
import { APP_CONFIG, AppConfig, Database, OutboxRelay, TransactionalOutbox } from '@opensts/platform';
import { AssumeRoleGrpcController } from './assume-role/assume-role.grpc.controller';
import { AssumeRoleHandler } from './assume-role/assume-role.handler';
import { AssumeRoleWithOidcHandler } from './assume-role-with-oidc/assume-role-with-oidc.handler';
import { AssumeRoleWithSamlHandler } from './assume-role-with-saml/assume-role-with-saml.handler';
import { Clock } from './clock';
import { CommandHandler } from './command-handler';
import { GetCallerIdentityGrpcController } from './get-caller-identity/get-caller-identity.grpc.controller';
import { GetCallerIdentityHandler } from './get-caller-identity/get-caller-identity.handler';
import { EventStore, SessionProjection, SessionReadModel } from './infrastructure';
import { SessionPruner } from './infrastructure/session-pruner';
import { FederatedSessions } from './federated-sessions';
import { FederationSettings } from './federation.settings';
import { IssuanceActions } from './issuance.actions';
import { SessionIssuer } from './session-issuer';
import { ListSessionsGrpcController } from './list-sessions/list-sessions.grpc.controller';
import { ListSessionsHandler } from './list-sessions/list-sessions.handler';
import { RevokeRoleSessionsGrpcController } from './revoke-role-sessions/revoke-role-sessions.grpc.controller';
import { RevokeRoleSessionsHandler } from './revoke-role-sessions/revoke-role-sessions.handler';
import { RevokeSessionGrpcController } from './revoke-session/revoke-session.grpc.controller';
import { RevokeSessionHandler } from './revoke-session/revoke-session.handler';

const repositories = [
  { provide: SessionProjection, inject: [Database], useFactory: (db: Database) => new SessionProjection(db.kind) },
  {
    provide: EventStore,
    inject: [Database, TransactionalOutbox, SessionProjection, OutboxRelay],
    useFactory: (db: Database, outbox: TransactionalOutbox, projection: SessionProjection, relay: OutboxRelay) => {
      const store = new EventStore(db, outbox, projection, { onCommitted: (wroteOutbox) => relay.nudge({ outbox: wroteOutbox }) });
      if (store.log) relay.addSource(store.log);
      return store;
    },
  },
  { provide: SessionReadModel, inject: [Database], useFactory: (db: Database) => new SessionReadModel(db) },
  SessionPruner,
];
const handlers = [CommandHandler, SessionIssuer, FederatedSessions, AssumeRoleHandler, AssumeRoleWithSamlHandler, AssumeRoleWithOidcHandler, GetCallerIdentityHandler, RevokeSessionHandler, RevokeRoleSessionsHandler, ListSessionsHandler];
const controllers = [AssumeRoleGrpcController, GetCallerIdentityGrpcController, RevokeSessionGrpcController, RevokeRoleSessionsGrpcController, ListSessionsGrpcController];
const support = [Clock, IdGenerator, IssuanceActions, { provide: FederationSettings, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => FederationSettings.fromConfig(cfg) }];

/** The session aggregate: issuing, revoking and listing sessions; the STS actions it serves. */
@Module({})
export class IssuanceModule {
  static register(persistence: DynamicModule, access: DynamicModule): DynamicModule {
    return {
      module: IssuanceModule,
      imports: [persistence, access],
      providers: [...repositories, ...handlers, ...controllers, ...support],
      exports: [...controllers, EventStore, SessionProjection, SessionReadModel],
    };
  }
}
