import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ActionRegistry } from '@opensts/platform';
import { registerHandlers } from '@opensts/platform';
import { DEFAULT_DIRECTORY_LIMITS, DIRECTORY_LIMITS } from '../identity-directory.constants';
import { CreateOidcProviderHandler } from './oidc/create-oidc-provider/create-oidc-provider.handler';
import { DeleteOidcProviderHandler } from './oidc/delete-oidc-provider/delete-oidc-provider.handler';
import {
  AddClientIdToOidcProviderHandler,
  AddFingerprintToOidcProviderHandler,
  RemoveClientIdFromOidcProviderHandler,
  RemoveFingerprintFromOidcProviderHandler,
} from './oidc/edit-oidc-provider-lists/oidc-provider-list.handlers';
import { GetOidcProviderHandler } from './oidc/get-oidc-provider/get-oidc-provider.handler';
import { ListOidcProvidersHandler } from './oidc/list-oidc-providers/list-oidc-providers.handler';
import { OidcProviderRepository } from './oidc/oidc-provider.repository';
import { OidcProviderUpdater } from './oidc/oidc-provider.updater';
import { UpdateOidcProviderHandler } from './oidc/update-oidc-provider/update-oidc-provider.handler';
import { CreateSamlProviderHandler } from './saml/create-saml-provider/create-saml-provider.handler';
import { DeleteSamlProviderHandler } from './saml/delete-saml-provider/delete-saml-provider.handler';
import { GetSamlProviderHandler } from './saml/get-saml-provider/get-saml-provider.handler';
import { ListSamlProvidersHandler } from './saml/list-saml-providers/list-saml-providers.handler';
import { SamlProviderRepository } from './saml/saml-provider.repository';
import { UpdateSamlProviderHandler } from './saml/update-saml-provider/update-saml-provider.handler';

const repositories = [SamlProviderRepository, OidcProviderRepository];
const handlers = [
  CreateSamlProviderHandler, GetSamlProviderHandler, ListSamlProvidersHandler, UpdateSamlProviderHandler, DeleteSamlProviderHandler,
  CreateOidcProviderHandler, GetOidcProviderHandler, ListOidcProvidersHandler, UpdateOidcProviderHandler, DeleteOidcProviderHandler,
  AddClientIdToOidcProviderHandler, RemoveClientIdFromOidcProviderHandler, AddFingerprintToOidcProviderHandler, RemoveFingerprintFromOidcProviderHandler,
];

/** SAML and OIDC identity providers of each account: the IMS 2019-08-15 provider actions. */
@Module({})
export class FederationModule implements OnModuleInit {
  constructor(
    @Inject(ActionRegistry) private readonly registry: ActionRegistry,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  static register(persistence: DynamicModule): DynamicModule {
    return { module: FederationModule, imports: [persistence], providers: [{ provide: DIRECTORY_LIMITS, useValue: DEFAULT_DIRECTORY_LIMITS }, ...repositories, OidcProviderUpdater, ...handlers] };
  }

  onModuleInit(): void {
    registerHandlers(this.registry, handlers.map((h) => this.moduleRef.get(h)));
  }
}
