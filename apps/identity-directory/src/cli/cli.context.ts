import { AppConfig, Database, dataSourceOptions, loadMasterKeyRing, openDataSource, OutboxMessageEntity, PlatformTables1764300000000, ProcessedEventEntity, TransactionalOutbox } from '@opensts/platform';
import { SecretBox } from '@opensts/sts-core/crypto';
import { IdGenerator } from '@opensts/sts-core/ids';
import { AccessKeyIssuer } from '../directory/access-keys/access-key.issuer';
import { AccessKeyRepository } from '../directory/access-keys/access-key.repository';
import { AccessKeyResealer } from '../directory/access-keys/reseal-access-keys/access-key.resealer';
import { AccountService } from '../directory/accounts/account.service';
import { RoleRepository } from '../directory/roles/role.repository';
import { UserRepository } from '../directory/users/user.repository';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '../identity-directory-app.module';
import { DEFAULT_DIRECTORY_LIMITS } from '../identity-directory.constants';

export interface CliContext {
  db: Database;
  accounts: AccountService;
  users: UserRepository;
  roles: RoleRepository;
  resealer: AccessKeyResealer;
  close(): Promise<void>;
}

/**
 * The directory's own database and services, without Nest, a bus or a relay: events the CLI
 * causes are written to the outbox and published by the running service's relay.
 */
export async function openCliContext(cfg: AppConfig): Promise<CliContext> {
  const ds = await openDataSource(
    dataSourceOptions(cfg, {
      service: 'identity-directory',
      entities: [OutboxMessageEntity, ProcessedEventEntity, ...IDENTITY_ENTITIES],
      migrations: [PlatformTables1764300000000, ...IDENTITY_MIGRATIONS],
    }),
  );
  const db = new Database(ds);
  const ids = new IdGenerator();
  const keys = new AccessKeyRepository(db);
  const ring = loadMasterKeyRing(cfg);
  const outbox = new TransactionalOutbox(db);
  const issuer = new AccessKeyIssuer(new SecretBox(ring), ids, DEFAULT_DIRECTORY_LIMITS, keys);
  return {
    db,
    accounts: new AccountService(outbox, issuer, keys, ids),
    users: new UserRepository(db),
    roles: new RoleRepository(db),
    resealer: new AccessKeyResealer(ring, outbox),
    close: () => ds.destroy(),
  };
}
