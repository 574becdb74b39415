import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ActionRegistry, APP_CONFIG, AppConfig, InternalActionClient, INTERNAL_ACTIONS, loadMasterKeyRing } from '@opensts/platform';
import { SecretBox } from '@opensts/sts-core/crypto';
import { IdGenerator } from '@opensts/sts-core/ids';
import { registerHandlers } from '@opensts/platform';
import { DEFAULT_DIRECTORY_LIMITS, DIRECTORY_ID_GENERATOR, DIRECTORY_LIMITS, DIRECTORY_POLICY_CLIENT, DIRECTORY_SECRET_BOX } from '../identity-directory.constants';
import { AccessKeyIssuer } from './access-keys/access-key.issuer';
import { AccessKeyOwnerResolver } from './access-keys/access-key-owner.resolver';
import { AccessKeyRepository } from './access-keys/access-key.repository';
import { CreateAccessKeyHandler } from './access-keys/create-access-key/create-access-key.handler';
import { DeleteAccessKeyHandler } from './access-keys/delete-access-key/delete-access-key.handler';
import { ListAccessKeysHandler } from './access-keys/list-access-keys/list-access-keys.handler';
import { UpdateAccessKeyHandler } from './access-keys/update-access-key/update-access-key.handler';
import { AccountService } from './accounts/account.service';
import { AccountBootstrapService } from './bootstrap/account-bootstrap.service';
import { BootstrapCredentialsWriter } from './bootstrap/bootstrap-credentials.writer';
import { LookupPrincipalHandler } from './lookup-principal/lookup-principal.handler';
import { CreateRoleHandler } from './roles/create-role/create-role.handler';
import { DeleteRoleHandler } from './roles/delete-role/delete-role.handler';
import { GetRoleHandler } from './roles/get-role/get-role.handler';
import { ListRolesHandler } from './roles/list-roles/list-roles.handler';
import { RoleRepository } from './roles/role.repository';
import { UpdateRoleHandler } from './roles/update-role/update-role.handler';
import { PolicyAttachmentsClient } from './shared/policy-attachments.client';
import { CreateUserHandler } from './users/create-user/create-user.handler';
import { DeleteUserHandler } from './users/delete-user/delete-user.handler';
import { GetUserHandler } from './users/get-user/get-user.handler';
import { ListUsersHandler } from './users/list-users/list-users.handler';
import { UpdateUserHandler } from './users/update-user/update-user.handler';
import { UserRepository } from './users/user.repository';

const repositories = [UserRepository, AccessKeyRepository, RoleRepository];
const handlers = [
  CreateUserHandler, GetUserHandler, UpdateUserHandler, ListUsersHandler, DeleteUserHandler,
  CreateAccessKeyHandler, ListAccessKeysHandler, UpdateAccessKeyHandler, DeleteAccessKeyHandler,
  CreateRoleHandler, GetRoleHandler, UpdateRoleHandler, ListRolesHandler, DeleteRoleHandler,
];
const services = [AccessKeyIssuer, AccessKeyOwnerResolver, AccountService, BootstrapCredentialsWriter, AccountBootstrapService, PolicyAttachmentsClient, LookupPrincipalHandler];
const infrastructure = [
  { provide: DIRECTORY_LIMITS, useValue: DEFAULT_DIRECTORY_LIMITS },
  { provide: DIRECTORY_ID_GENERATOR, useValue: new IdGenerator() },
  { provide: DIRECTORY_SECRET_BOX, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => new SecretBox(loadMasterKeyRing(cfg)) },
  { provide: DIRECTORY_POLICY_CLIENT, inject: [APP_CONFIG, ActionRegistry], useFactory: (cfg: AppConfig, registry: ActionRegistry) => new InternalActionClient(cfg, registry, 'identity-directory') },
];

/** Accounts, RAM users, AccessKeys and roles: the RAM identity actions and the first-start bootstrap. */
@Module({})
export class DirectoryModule implements OnModuleInit {
  constructor(
    @Inject(ActionRegistry) private readonly registry: ActionRegistry,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  static register(persistence: DynamicModule): DynamicModule {
    return { module: DirectoryModule, imports: [persistence], providers: [...infrastructure, ...repositories, ...services, ...handlers], exports: [AccountService] };
  }

  onModuleInit(): void {
    registerHandlers(this.registry, handlers.map((h) => this.moduleRef.get(h)));
    const lookup = this.moduleRef.get(LookupPrincipalHandler);
    this.registry.registerInternal(lookup.action, INTERNAL_ACTIONS.LookupPrincipal.callers, (call) => lookup.execute(call));
  }
}
