import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ActionRegistry, APP_CONFIG, AppConfig, InternalActionClient, INTERNAL_ACTIONS } from '@opensts/platform';
import { registerHandlers } from '@opensts/platform';
import { DEFAULT_POLICY_LIMITS, POLICY_DIRECTORY_CLIENT, POLICY_LIMITS } from '../policy.constants';
import { AttachPolicyToRoleHandler, AttachPolicyToUserHandler } from './attachments/attach-policy/attach-policy.handlers';
import { AttachmentRepository } from './attachments/attachment.repository';
import { AttachmentResolver } from './attachments/attachment.resolver';
import { CountPrincipalAttachmentsHandler } from './attachments/count-principal-attachments/count-principal-attachments.handler';
import { DetachPolicyFromRoleHandler, DetachPolicyFromUserHandler } from './attachments/detach-policy/detach-policy.handlers';
import { ListEntitiesForPolicyHandler } from './attachments/list-entities-for-policy/list-entities-for-policy.handler';
import { ListPoliciesForRoleHandler, ListPoliciesForUserHandler } from './attachments/list-policies-for-principal/list-policies-for-principal.handlers';
import { CreatePolicyHandler } from './create-policy/create-policy.handler';
import { CreatePolicyVersionHandler } from './create-policy-version/create-policy-version.handler';
import { CustomPolicyWriter } from './custom-policy.writer';
import { DeletePolicyHandler } from './delete-policy/delete-policy.handler';
import { DeletePolicyVersionHandler } from './delete-policy-version/delete-policy-version.handler';
import { GetPolicyHandler } from './get-policy/get-policy.handler';
import { GetPolicyVersionHandler } from './get-policy-version/get-policy-version.handler';
import { ListPoliciesHandler } from './list-policies/list-policies.handler';
import { ListPolicyVersionsHandler } from './list-policy-versions/list-policy-versions.handler';
import { PolicyRepository } from './policy.repository';
import { PrincipalDirectory } from './principals/principal.directory';
import { PrincipalProjection } from './principals/principal.projection';
import { PrincipalRepository } from './principals/principal.repository';
import { SetDefaultPolicyVersionHandler } from './set-default-policy-version/set-default-policy-version.handler';
import { SystemPoliciesSeeder } from './system-policies.seeder';
import { UpdatePolicyDescriptionHandler } from './update-policy-description/update-policy-description.handler';

const repositories = [PolicyRepository, AttachmentRepository, PrincipalRepository];
const handlers = [
  CreatePolicyHandler, GetPolicyHandler, ListPoliciesHandler, DeletePolicyHandler, UpdatePolicyDescriptionHandler,
  CreatePolicyVersionHandler, GetPolicyVersionHandler, ListPolicyVersionsHandler, SetDefaultPolicyVersionHandler, DeletePolicyVersionHandler,
  AttachPolicyToUserHandler, DetachPolicyFromUserHandler, AttachPolicyToRoleHandler, DetachPolicyFromRoleHandler,
  ListPoliciesForUserHandler, ListPoliciesForRoleHandler, ListEntitiesForPolicyHandler,
];
const services = [CustomPolicyWriter, AttachmentResolver, PrincipalDirectory, PrincipalProjection, SystemPoliciesSeeder, CountPrincipalAttachmentsHandler];
const infrastructure = [
  { provide: POLICY_LIMITS, useValue: DEFAULT_POLICY_LIMITS },
  { provide: POLICY_DIRECTORY_CLIENT, inject: [APP_CONFIG, ActionRegistry], useFactory: (cfg: AppConfig, registry: ActionRegistry) => new InternalActionClient(cfg, registry, 'policy') },
];

/** Custom and built-in policies, their versions and attachments: the RAM policy actions. */
@Module({})
export class PoliciesModule implements OnModuleInit {
  constructor(
    @Inject(ActionRegistry) private readonly registry: ActionRegistry,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  static register(persistence: DynamicModule): DynamicModule {
    return { module: PoliciesModule, imports: [persistence], providers: [...infrastructure, ...repositories, ...services, ...handlers] };
  }

  onModuleInit(): void {
    registerHandlers(this.registry, handlers.map((h) => this.moduleRef.get(h)));
    const count = this.moduleRef.get(CountPrincipalAttachmentsHandler);
    this.registry.registerInternal(count.action, INTERNAL_ACTIONS.CountPrincipalAttachments.callers, (call) => count.execute(call));
  }
}
